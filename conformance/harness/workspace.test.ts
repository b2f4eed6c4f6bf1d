import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ConformanceCase } from './types.js';
import { createWorkspace, dumpFlow, writeCaseFiles } from './workspace.js';

describe('dumpFlow', () => {
  it('quotes strings that YAML 1.1 would read as booleans, so a YAML 1.1 reader gets the same value back', () => {
    const flow = { name: 'x', steps: [{ id: 'a', if: 'no', with: { on: 'yes', off: 'Off', tilde: '~', text: '${{ 1 }}', n: 3 } }] };
    const text = dumpFlow(flow);
    expect(text).toMatch(/if: "no"/);
    expect(parse(text, { version: '1.1' })).toEqual(flow);
  });
});

describe('writeCaseFiles', () => {
  it('writes a mapping flow with YAML 1.1 quoting and a string flow exactly', () => {
    const workspace = createWorkspace();
    try {
      const base: ConformanceCase = { id: 'a.b', description: 'd', spec: ['cli.init'], features: [], project: true, files: {}, flowFile: 'case.yaml', env: {}, commands: [], path: 'a/b.yaml' };
      expect(writeCaseFiles(workspace, { ...base, flow: { name: 'n', steps: [{ id: 's', if: 'off' }] } })).toBe('flows/case.yaml');
      expect(parse(readFileSync(join(workspace.root, 'flows/case.yaml'), 'utf8'), { version: '1.1' })).toEqual({ name: 'n', steps: [{ id: 's', if: 'off' }] });
      writeCaseFiles(workspace, { ...base, flowFile: 'raw.yaml', flow: 'if: no\n' });
      expect(readFileSync(join(workspace.root, 'flows/raw.yaml'), 'utf8')).toBe('if: no\n');
    } finally {
      workspace.dispose();
    }
  });
});
