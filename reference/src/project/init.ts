// `stepyard init`: create a project (spec: cli.init). Never overwrites a user's .gitignore; only appends to it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StepyardError } from '../errors/stepyard-error.js';
import { PROJECT_MARKER, isDirectory } from './root.js';

/** The example flow written to flows/hello.yaml. */
export const HELLO_FLOW = `# An example flow. Run it with: stepyard run hello
name: hello
description: A minimal example flow
steps:
  - id: greet
    uses: shell.run
    with:
      command: echo "Hello from Stepyard!"
`;

/** The .gitignore written when the project has none. */
export const GITIGNORE = '# Stepyard runtime data\n.stepyard/\n';

/** What initProject did to each path (paths relative to the root, '/'-separated, directories end in '/'). */
export interface InitReport {
  root: string;
  created: string[];
  overwritten: string[];
  updated: string[];
  skipped: string[];
}

/** Creates (or completes) a project at `dir`, creating `dir` with its parents if needed. Idempotent. */
export function initProject(dir: string, options: { force?: boolean } = {}): InitReport {
  const root = resolve(dir);
  const report: InitReport = { root, created: [], overwritten: [], updated: [], skipped: [] };
  ensureDirectory(root, null, report);
  ensureDirectory(join(root, PROJECT_MARKER), `${PROJECT_MARKER}/`, report);
  ensureDirectory(join(root, 'flows'), 'flows/', report);
  writeHello(join(root, 'flows', 'hello.yaml'), options.force === true, report);
  mergeGitignore(join(root, '.gitignore'), report);
  return report;
}

function ensureDirectory(path: string, label: string | null, report: InitReport): void {
  if (isDirectory(path)) {
    if (label !== null) report.skipped.push(label);
    return;
  }
  attemptWrite(path, () => mkdirSync(path, { recursive: true }));
  if (label !== null) report.created.push(label);
}

function writeHello(path: string, force: boolean, report: InitReport): void {
  const exists = existsSync(path);
  if (exists && !force) {
    report.skipped.push('flows/hello.yaml');
    return;
  }
  attemptWrite(path, () => writeFileSync(path, HELLO_FLOW));
  (exists ? report.overwritten : report.created).push('flows/hello.yaml');
}

// An existing .gitignore keeps its content; `.stepyard/` is appended when no line ignores it already.
function mergeGitignore(path: string, report: InitReport): void {
  if (!existsSync(path)) {
    attemptWrite(path, () => writeFileSync(path, GITIGNORE));
    report.created.push('.gitignore');
    return;
  }
  const text = readFileSync(path, 'utf8');
  if (ignoresRuntimeDir(text)) {
    report.skipped.push('.gitignore');
    return;
  }
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  attemptWrite(path, () => writeFileSync(path, `${text}${separator}${GITIGNORE}`));
  report.updated.push('.gitignore');
}

function ignoresRuntimeDir(text: string): boolean {
  return text.split(/\r?\n/).some((line) => ['.stepyard', '.stepyard/', '/.stepyard', '/.stepyard/'].includes(line.trim()));
}

function attemptWrite(path: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StepyardError('FILE_WRITE_FAILED', `cannot create ${path}: ${reason}`, { cause: error });
  }
}
