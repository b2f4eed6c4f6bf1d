// spec: cli.schema
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { StepyardError } from '../../errors/stepyard-error.js';
import { resolveFlowsDir } from '../../project/flows.js';
import { PROJECT_MARKER, findProjectRoot, requireProjectRoot } from '../../project/root.js';
import type { CommandContext, CommandInput } from '../context.js';
import { displayPath } from '../display-path.js';

/** `stepyard schema [-o PATH]`: writes the flow JSON Schema and prints the editor modeline. */
export async function runSchema(input: CommandInput, ctx: CommandContext): Promise<number> {
  const output = typeof input.options.output === 'string' ? input.options.output : undefined;
  const { buildFlowJsonSchema } = await import('../../flow/schema.js');
  const text = `${JSON.stringify(buildFlowJsonSchema(), null, 2)}\n`;
  if (output === '-') {
    ctx.stdout(text);
    return 0;
  }
  const root = output === undefined ? requireProjectRoot(ctx.cwd) : findProjectRoot(ctx.cwd);
  const target = output === undefined ? join(root as string, PROJECT_MARKER, 'flow.schema.json') : resolve(ctx.cwd, output);
  write(target, text);
  const flowsDir = resolveFlowsDir({ cwd: ctx.cwd, env: ctx.env, root }) ?? ctx.cwd;
  ctx.stdout(`wrote ${displayPath(ctx.cwd, target)}\n`);
  ctx.stdout(`# yaml-language-server: $schema=${toPosix(relative(flowsDir, target))}\n`);
  return 0;
}

function write(target: string, text: string): void {
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  } catch (error) {
    throw new StepyardError('FILE_WRITE_FAILED', `cannot write ${target}: ${(error as Error).message}`, { cause: error });
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
