// Static check of a step's `with:` against its node's input schema, for the values known before the run:
// literal values (no `${{ }}` anywhere inside) and the presence of required inputs. spec: nodes.input-validation
import { z } from 'zod';
import { hasTemplate } from '../expressions/template.js';
import { createBuiltinRegistry, type NodeRegistry } from './registry.js';
import type { NodeDefinition } from './types.js';

/** One problem with a step's `with:`; `path` is relative to `with` (a missing input: its would-be key). */
export interface LiteralInputIssue {
  path: Array<string | number>;
  message: string;
  /** error: FLOW_INPUT_INVALID; warning: an input the node does not know (FLOW_UNKNOWN_KEY). */
  severity: 'error' | 'warning';
}

/** Checks the `with:` of one step (`node` is its `uses`); unknown nodes give no issues. */
export type LiteralInputChecker = (node: string, withValue: unknown) => LiteralInputIssue[];

/** A checker over the nodes of `registry`. */
export function createLiteralInputChecker(registry: NodeRegistry): LiteralInputChecker {
  return (node, withValue) => {
    const definition = registry.get(node);
    return definition === undefined ? [] : checkLiteralInputs(definition, withValue);
  };
}

/** A checker over the built-in nodes (what `stepyard validate` and the run process use). */
export function createBuiltinInputChecker(): LiteralInputChecker {
  return createLiteralInputChecker(createBuiltinRegistry());
}

/**
 * Check `with` against the node's input schema: each literal value on its own, every required input
 * present, and (for nodes with a closed input list) unknown keys as warnings. Values holding a template
 * are skipped: they are checked when the step runs.
 */
export function checkLiteralInputs(definition: NodeDefinition, withValue: unknown): LiteralInputIssue[] {
  if (!(definition.input instanceof z.ZodObject)) return [];
  if (withValue !== null && withValue !== undefined && (typeof withValue !== 'object' || Array.isArray(withValue))) return [];
  const given = (withValue ?? {}) as Record<string, unknown>;
  const shape = definition.input.shape as Record<string, z.ZodType>;
  const isOpen = definition.input.def.catchall !== undefined && !(definition.input.def.catchall instanceof z.ZodNever);
  const issues: LiteralInputIssue[] = [];
  for (const [key, value] of Object.entries(given)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (field === undefined) {
      if (!isOpen) {
        issues.push({ path: [key], message: `${definition.name} has no input '${key}'; it is ignored`, severity: 'warning' });
      }
      continue;
    }
    if (containsTemplate(value)) continue;
    const parsed = field.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = [key, ...((issue?.path ?? []) as Array<string | number>)];
      issues.push({ path, message: `${definition.name}: input '${path.join('.')}': ${issue?.message ?? 'invalid'}`, severity: 'error' });
    }
  }
  for (const [key, field] of Object.entries(shape)) {
    if (!Object.hasOwn(given, key) && !field.safeParse(undefined).success) {
      issues.push({ path: [key], message: `${definition.name}: required input '${key}' is missing`, severity: 'error' });
    }
  }
  return issues;
}

function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return hasTemplate(value);
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsTemplate);
  return false;
}
