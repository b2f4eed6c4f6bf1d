import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, runStepyard } from './cli-support.js';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

describe('stepyard schema', () => {
  it('writes .stepyard/flow.schema.json, a schema that accepts the hello flow, and prints the modeline', () => {
    runStepyard(['init'], dir);
    const result = runStepyard(['schema'], dir);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: 'wrote .stepyard/flow.schema.json\n# yaml-language-server: $schema=../.stepyard/flow.schema.json\n',
    });
    const schema = JSON.parse(readFileSync(join(dir, '.stepyard', 'flow.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(parse(readFileSync(join(dir, 'flows', 'hello.yaml'), 'utf8')))).toBe(true);
  });

  it('writes -o PATH anywhere, creating directories, with the modeline relative to the flows directory', () => {
    mkdirSync(join(dir, 'sub'));
    const result = runStepyard(['schema', '-o', 'out/s.json'], join(dir, 'sub'), { STEPYARD_FLOWS_DIR: '../flows' });
    expect(result.stdout).toBe('wrote out/s.json\n# yaml-language-server: $schema=../sub/out/s.json\n');
    expect(readdirSync(dir).sort()).toEqual(['sub']);
    expect(JSON.parse(readFileSync(join(dir, 'sub', 'out', 's.json'), 'utf8'))).toMatchObject({ type: 'object' });
  });

  it('prints only the schema with -o -', () => {
    const result = runStepyard(['schema', '-o', '-'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ type: 'object' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('needs a project without -o', () => {
    const result = runStepyard(['schema'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^PROJECT_NOT_FOUND /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails with FILE_WRITE_FAILED (exit 1) when the path cannot be written', () => {
    writeFileSync(join(dir, 'file'), 'x');
    const result = runStepyard(['schema', '-o', 'file/s.json'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^FILE_WRITE_FAILED /);
  });
});
