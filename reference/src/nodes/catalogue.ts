// Names of the built-in nodes. nodes/registry.ts must register exactly these (a test checks it).

/** Every built-in node name: the original's 13 plus Stepyard's deterministic `system.echo`. */
export const BUILTIN_NODE_NAMES = [
  'shell.run',
  'http.request',
  'http.download',
  'file.read',
  'file.write',
  'file.list',
  'text.template',
  'text.replace',
  'llm.generate',
  'human.input',
  'human.approval',
  'flow.route',
  'system.if',
  'system.echo',
] as const;

/** A built-in node name. */
export type BuiltinNodeName = (typeof BUILTIN_NODE_NAMES)[number];
