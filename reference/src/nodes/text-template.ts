// text.template: $name / ${name} substitution (Python's string.Template.safe_substitute).
import { z } from 'zod';
import { renderValue } from '../expressions/values.js';
import type { JsonValue } from '../flow/types.js';
import { defineNode, succeed } from './types.js';

// $$, $name, ${name}, or a lone $ (left as it is). Names are ASCII identifiers.
const PLACEHOLDER = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|)/g;

/**
 * Substitute `$name` and `${name}` with the variable's text (rendered as in `${{ }}` interpolation: None,
 * True, False, numbers as Python prints them, lists and mappings as compact JSON); `$$` gives `$`;
 * unknown names and any other `$` stay as written.
 */
// spec: nodes.text
export function substituteTemplate(template: string, variables: Readonly<Record<string, unknown>>): string {
  return template.replace(PLACEHOLDER, (match, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
    if (escaped !== undefined) return '$';
    const name = named ?? braced;
    if (name === undefined || !Object.hasOwn(variables, name)) return match;
    return renderValue((variables[name] ?? null) as JsonValue);
  });
}

const TextTemplateInput = z.object({
  template: z.string().describe('text with $name or ${name} placeholders; $$ is a literal $'),
  variables: z.record(z.string(), z.unknown()).prefault({}).describe('values of the placeholders'),
});

/** text.template: output = the template with every known placeholder substituted. */
export const textTemplateNode = defineNode({
  name: 'text.template',
  description: 'Fill $name / ${name} placeholders of a text from variables.',
  input: TextTemplateInput,
  output: z.string().describe('the substituted text'),
  example: { template: 'Hello $name, you have ${count} new messages', variables: { name: 'Ada', count: 3 } },
  async run(input) {
    return succeed(substituteTemplate(input.template, input.variables));
  },
});
