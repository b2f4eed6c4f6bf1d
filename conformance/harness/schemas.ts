// The spec's JSON Schemas (spec/schemas/*.json), for `expect.schema`. Compiled lazily, so one broken schema
// only fails the cases that use it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** Validates values against the schema files of one directory, by file name. */
export interface SchemaRegistry {
  /** Error messages (empty when valid). */
  validate: (schemaFile: string, value: unknown) => string[];
}

/** Loads every *.json of `dir` (spec/schemas). `$ref`s between them resolve by `$id`. */
export function loadSchemaRegistry(dir: string): SchemaRegistry {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const keys = new Map<string, string>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    files = [];
  }
  for (const file of files) {
    try {
      const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { $id?: unknown; [key: string]: unknown };
      const key = typeof schema.$id === 'string' ? schema.$id : file;
      ajv.addSchema(schema as object, typeof schema.$id === 'string' ? undefined : file);
      keys.set(file, key);
    } catch {
      // reported when a case uses it
    }
  }
  return {
    validate(schemaFile, value) {
      const key = keys.get(schemaFile);
      if (key === undefined) return [`schema ${schemaFile} not found or not loadable in ${dir}`];
      let validator;
      try {
        validator = ajv.getSchema(key);
      } catch (error) {
        return [`schema ${schemaFile} does not compile: ${(error as Error).message}`];
      }
      if (validator === undefined) return [`schema ${schemaFile} not found`];
      if (validator(value)) return [];
      return (validator.errors ?? []).map((e) => `${schemaFile}: ${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    },
  };
}
