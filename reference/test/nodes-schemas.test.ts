// spec/schemas/nodes/<name>.json are generated from the nodes' zod schemas; this test keeps them in step.
// Regenerate with: UPDATE_NODE_SCHEMAS=1 npx vitest run reference/test/nodes-schemas.test.ts
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildNodeSchemaDocument } from '../src/nodes/node-schema.js';
import { createBuiltinRegistry } from '../src/nodes/registry.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../spec/schemas/nodes');
const registry = createBuiltinRegistry();
const documents = registry.names().map((name) => buildNodeSchemaDocument(registry.get(name)!));
const serialize = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

if (process.env.UPDATE_NODE_SCHEMAS === '1') {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.endsWith('.json') && !registry.has(file.slice(0, -5))) throw new Error(`stale ${file}`);
  for (const document of documents) writeFileSync(path.join(dir, `${document.title}.json`), serialize(document));
}

describe('spec/schemas/nodes', () => {
  it('holds exactly one file per built-in node', () => {
    expect(readdirSync(dir).filter((file) => file.endsWith('.json')).sort()).toEqual(documents.map((d) => `${d.title}.json`).sort());
  });

  it.each(documents.map((document) => [document.title, document] as const))('%s.json equals the generated schema', (name, document) => {
    expect(readFileSync(path.join(dir, `${name}.json`), 'utf8')).toBe(serialize(document));
  });

  it('every schema compiles, and each node example validates against its input schema', () => {
    const ajv = new Ajv2020({ strict: false });
    for (const document of documents) ajv.addSchema(document);
    for (const name of registry.names()) {
      expect(ajv.getSchema(`https://stepyard.dev/schemas/nodes/${name}.json#/$defs/input`), name).toBeTypeOf('function');
      expect(ajv.getSchema(`https://stepyard.dev/schemas/nodes/${name}.json#/$defs/output`), name).toBeTypeOf('function');
      // Literal example values (templates are checked when the step runs), one property at a time.
      for (const [key, value] of Object.entries(registry.get(name)!.example ?? {})) {
        if (JSON.stringify(value).includes('${{')) continue;
        const validate = ajv.getSchema(`https://stepyard.dev/schemas/nodes/${name}.json#/$defs/input/properties/${key}`);
        expect([name, key, validate?.(value)]).toEqual([name, key, true]);
      }
    }
  });

  it('the input schema encodes the lax forms and the output schema the shape', () => {
    const ajv = new Ajv2020({ strict: false });
    for (const document of documents) ajv.addSchema(document);
    const input = ajv.getSchema('https://stepyard.dev/schemas/nodes/shell.run.json#/$defs/input')!;
    expect(input({ command: 'ls', shell: 'Yes', fail_on_error: 0 })).toBe(true);
    expect(input({ command: 'ls', shell: 'maybe' })).toBe(false);
    expect(input({ shell: true })).toBe(false);
    const output = ajv.getSchema('https://stepyard.dev/schemas/nodes/http.request.json#/$defs/output')!;
    expect(output({ status: 404, headers: { a: 'b' }, body: null, error: 'HTTP Error 404: Not Found' })).toBe(true);
    expect(output({ status: '404', headers: {}, body: null })).toBe(false);
  });
});
