// The node registry: name → definition. Built-ins are registered from this module.
import { fileListNode } from './file-list.js';
import { fileReadNode } from './file-read.js';
import { fileWriteNode } from './file-write.js';
import { flowRouteNode } from './flow-route.js';
import { httpDownloadNode } from './http-download.js';
import { httpRequestNode } from './http-request.js';
import { humanApprovalNode } from './human-approval.js';
import { humanInputNode } from './human-input.js';
import { llmGenerateNode } from './llm-generate.js';
import { shellRunNode } from './shell-run.js';
import { systemEchoNode } from './system-echo.js';
import { systemIfNode } from './system-if.js';
import { textReplaceNode } from './text-replace.js';
import { textTemplateNode } from './text-template.js';
import type { NodeDefinition } from './types.js';

/** A set of node definitions by name. */
export interface NodeRegistry {
  get(name: string): NodeDefinition | undefined;
  has(name: string): boolean;
  /** Registered names, sorted. */
  names(): string[];
  /** Add a node; replaces nothing: a second node with the same name throws. */
  register(definition: NodeDefinition): void;
}

/** Every built-in node: exactly the names of BUILTIN_NODE_NAMES (registry.test.ts checks it). */
export const IMPLEMENTED_BUILTIN_NODES: readonly NodeDefinition[] = [
  shellRunNode,
  httpRequestNode,
  httpDownloadNode,
  fileReadNode,
  fileWriteNode,
  fileListNode,
  textTemplateNode,
  textReplaceNode,
  llmGenerateNode,
  humanInputNode,
  humanApprovalNode,
  flowRouteNode,
  systemIfNode,
  systemEchoNode,
] as NodeDefinition[];

/** Create a registry holding `definitions`. */
export function createNodeRegistry(definitions: Iterable<NodeDefinition> = []): NodeRegistry {
  const byName = new Map<string, NodeDefinition>();
  const registry: NodeRegistry = {
    get: (name) => byName.get(name),
    has: (name) => byName.has(name),
    names: () => [...byName.keys()].sort(),
    register(definition) {
      if (byName.has(definition.name)) throw new Error(`node '${definition.name}' is registered twice`);
      byName.set(definition.name, definition);
    },
  };
  for (const definition of definitions) registry.register(definition);
  return registry;
}

/** A registry with every implemented built-in node. */
export function createBuiltinRegistry(): NodeRegistry {
  return createNodeRegistry(IMPLEMENTED_BUILTIN_NODES);
}
