// Lints the case files: schema, id = path, unique ids, description style, known features, cited anchors exist.
// Also reports (without failing) normative spec sections that no case cites: the coverage gap list.
// Run: node --import tsx conformance/tools/lint-cases.ts
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../harness/invoke.js';
import { caseIdFromPath, loadCases } from '../harness/load-cases.js';
import { collectSpecAnchors } from '../harness/report.js';

/** A normative spec section (its text holds MUST/SHOULD/...) that no case cites. */
export interface UncitedSection {
  anchor: string;
  file: string;
  /** Number of paragraphs in the section with a BCP 14 keyword. */
  normativeParagraphs: number;
}

/** The linter's findings. `errors` fail the build; `uncited` is only reported. */
export interface LintReport {
  errors: string[];
  uncited: UncitedSection[];
  caseCount: number;
}

/** Where the linter looks. */
export interface LintPaths {
  casesDir: string;
  schemaPath: string;
  specDir: string;
  featuresFile: string;
}

/** The paths of this repository. */
export const DEFAULT_LINT_PATHS: LintPaths = {
  casesDir: join(REPO_ROOT, 'conformance', 'cases'),
  schemaPath: join(REPO_ROOT, 'conformance', 'case.schema.json'),
  specDir: join(REPO_ROOT, 'spec'),
  featuresFile: join(REPO_ROOT, 'conformance', 'features.txt'),
};

const NORMATIVE = /\b(MUST|SHOULD|SHALL|REQUIRED|RECOMMENDED)\b/;
const FORBIDDEN_WORDS = /\b(should|must)\b|test that/i;

/** Lints every case under `paths.casesDir`. */
export function lintCases(paths: LintPaths = DEFAULT_LINT_PATHS): LintReport {
  const { cases, problems } = loadCases(paths.casesDir, paths.schemaPath);
  const errors = problems.map((p) => `${p.path}: ${p.message}`);
  const anchors = collectSpecAnchors(paths.specDir);
  const features = readFeatures(paths.featuresFile);
  const seen = new Map<string, string>();
  const cited = new Set<string>();
  for (const c of cases) {
    const previous = seen.get(c.id);
    if (previous !== undefined) errors.push(`${c.path}: id '${c.id}' is also used by ${previous}`);
    seen.set(c.id, c.path);
    if (c.id !== caseIdFromPath(c.path)) errors.push(`${c.path}: id does not match the path`);
    if (c.description.length > 100) errors.push(`${c.path}: description is longer than 100 characters`);
    if (FORBIDDEN_WORDS.test(c.description)) errors.push(`${c.path}: description uses "should", "must" or "test that"; state the behaviour`);
    for (const feature of c.features) if (!features.has(feature)) errors.push(`${c.path}: feature '${feature}' is not listed in features.txt`);
    for (const anchor of c.spec) {
      cited.add(anchor);
      if (!anchors.has(anchor)) errors.push(`${c.path}: cites anchor '${anchor}', which no spec/*.md defines`);
    }
  }
  return { errors, uncited: findUncitedSections(paths.specDir, cited), caseCount: cases.length };
}

/** Feature tags of features.txt: the first word of every line that is not blank or a comment. */
export function readFeatures(file: string): Set<string> {
  const tags = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const tag = line.trim().split(/\s+/)[0];
    if (tag !== undefined && tag !== '' && !tag.startsWith('#')) tags.add(tag);
  }
  return tags;
}

/** Anchored sections of spec/*.md holding BCP 14 keywords that no case cites. */
export function findUncitedSections(specDir: string, cited: ReadonlySet<string>): UncitedSection[] {
  const uncited: UncitedSection[] = [];
  const files = readdirSync(specDir).filter((name) => name.endsWith('.md') && name !== 'README.md' && name !== 'compliance-matrix.md');
  for (const file of files.sort()) {
    const parts = readFileSync(join(specDir, file), 'utf8').split(/<a id="([^"]+)"><\/a>/);
    // parts: [before, anchor1, body1, anchor2, body2, ...]
    for (let i = 1; i + 1 < parts.length; i += 2) {
      const anchor = parts[i]!;
      const paragraphs = parts[i + 1]!.split(/\n\s*\n|\n(?=\s*[-*] |\s*\d+\. )/).filter((p) => NORMATIVE.test(p)).length;
      if (paragraphs > 0 && !cited.has(anchor)) uncited.push({ anchor, file, normativeParagraphs: paragraphs });
    }
  }
  return uncited;
}

/** The coverage report printed by the linter. */
export function formatUncited(report: LintReport): string {
  if (report.uncited.length === 0) return 'Every normative spec section is cited by at least one case.';
  const lines = report.uncited.map((u) => `  ${u.file}#${u.anchor} (${u.normativeParagraphs} normative paragraph${u.normativeParagraphs === 1 ? '' : 's'})`);
  return [`Normative spec sections no case cites (${report.uncited.length}):`, ...lines].join('\n');
}

function main(): void {
  const report = lintCases();
  process.stdout.write(`${formatUncited(report)}\n`);
  if (report.errors.length > 0) {
    process.stderr.write(`${report.errors.length} problem(s) in ${report.caseCount} cases:\n${report.errors.join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`${report.caseCount} cases lint clean.\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
