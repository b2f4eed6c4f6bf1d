import { describe, expect, it } from 'vitest';
import { checkSchemaSubset, conformToSchema, stripCodeFences, toStrictSchema } from './llm-schema.js';

const PERSON = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    kind: { enum: ['a', 'b'], type: 'string' },
    address: { $ref: '#/$defs/Address' },
  },
  required: ['name'],
  $defs: { Address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

describe('checkSchemaSubset', () => {
  it('accepts the subset', () => {
    expect(() => checkSchemaSubset(PERSON)).not.toThrow();
  });

  it.each([
    [{ type: 'array', items: { type: 'string' } }, /top level/],
    [{ type: 'object', properties: {} }, /top level/],
    [{ type: 'object', properties: { a: { type: 'string', format: 'email' } } }, /\/properties\/a: unsupported keyword\(s\) format/],
    [{ type: 'object', properties: { a: { type: 'array' } } }, /items/],
    [{ type: 'object', properties: { a: { type: 'date' } } }, /type must be/],
    [{ type: 'object', properties: { a: { type: 'string', enum: [] } } }, /enum/],
    [{ type: 'object', properties: { a: { $ref: '#/$defs/Nope' } } }, /\$ref/],
    [{ type: 'object', properties: { a: { type: 'string' } }, oneOf: [] }, /^unsupported.*\/: unsupported keyword\(s\) oneOf/],
  ])('refuses %j', (schema, message) => {
    expect(() => checkSchemaSubset(schema)).toThrow(message);
  });
});

describe('toStrictSchema', () => {
  it('requires every property, forbids others, makes optional ones nullable (also in $defs)', () => {
    expect(toStrictSchema(PERSON)).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string' },
        tags: { type: ['array', 'null'], items: { type: 'string' } },
        kind: { enum: ['a', 'b', null], type: ['string', 'null'] },
        address: { anyOf: [{ $ref: '#/$defs/Address' }, { type: 'null' }] },
      },
      required: ['name', 'tags', 'kind', 'address'],
      additionalProperties: false,
      $defs: { Address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } },
    });
  });
});

describe('conformToSchema', () => {
  it('fills missing optional properties with null and drops undeclared ones', () => {
    expect(conformToSchema(PERSON, { name: 'Ada', extra: 1, address: { city: 'X', zip: 1 } })).toEqual({
      name: 'Ada',
      tags: null,
      kind: null,
      address: { city: 'X' },
    });
  });

  it('keeps additional properties when the schema allows them', () => {
    const schema = { type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: true };
    expect(conformToSchema(schema, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
  });

  it.each([
    [{}, /name: required/],
    [{ name: 5 }, /\/name: expected a string/],
    [{ name: 'a', kind: 'c' }, /\/kind/],
    [{ name: 'a', tags: [1] }, /\/tags\/0/],
    [{ name: 'a', address: { city: null } }, /\/address\/city/],
    [[1], /expected a mapping/],
  ])('refuses %j', (value, message) => {
    expect(() => conformToSchema(PERSON, value)).toThrow(message);
  });
});

describe('stripCodeFences', () => {
  it.each([
    ['```json\n{"a":1}\n```', '{"a":1}'],
    ['```\n[1]\n```', '[1]'],
    ['  {"a":1}  ', '{"a":1}'],
    ['```json {"a":1}```', '{"a":1}'],
  ])('%j → %j', (text, expected) => {
    expect(stripCodeFences(text)).toBe(expected);
  });
});
