// spec: cli.init
import { resolve } from 'node:path';
import { initProject, type InitReport } from '../../project/init.js';
import type { CommandContext, CommandInput } from '../context.js';
import { displayPath } from '../display-path.js';
import { renderJson } from '../render/json.js';

/** `stepyard init [DIR] [--force] [--json]`. */
export async function runInit(input: CommandInput, ctx: CommandContext): Promise<number> {
  const dir = typeof input.args[0] === 'string' ? input.args[0] : '.';
  const report = initProject(resolve(ctx.cwd, dir), { force: input.options.force === true });
  if (input.options.json === true) {
    ctx.stdout(renderJson({ ok: true, root: report.root, created: report.created, overwritten: report.overwritten, updated: report.updated, skipped: report.skipped }));
  } else {
    ctx.stdout(formatReport(report, ctx.cwd));
  }
  return 0;
}

function formatReport(report: InitReport, cwd: string): string {
  const where = displayPath(cwd, report.root);
  const lines = [`Stepyard project ready in ${where}`];
  for (const path of report.created) lines.push(`  created      ${path}`);
  for (const path of report.overwritten) lines.push(`  overwritten  ${path}`);
  for (const path of report.updated) lines.push(`  updated      ${path} (added .stepyard/)`);
  for (const path of report.skipped) {
    const note = path === 'flows/hello.yaml' ? ' (already exists; --force overwrites it)' : ' (already exists)';
    lines.push(`  skipped      ${path}${note}`);
  }
  const cd = where === '.' ? '' : `cd ${where} && `;
  lines.push(`Next: ${cd}stepyard run hello`);
  return `${lines.join('\n')}\n`;
}
