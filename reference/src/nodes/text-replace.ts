// text.replace: replace every occurrence of a substring.
import { z } from 'zod';
import { defineNode, succeed } from './types.js';

const TextReplaceInput = z.object({
  text: z.string().describe('the text'),
  old: z.string().describe('substring to replace (every occurrence)'),
  new: z.string().describe('replacement'),
});

/** text.replace: output = `text` with every `old` replaced by `new` (an empty `old` matches between characters). */
// spec: nodes.text
export const textReplaceNode = defineNode({
  name: 'text.replace',
  description: 'Replace every occurrence of a substring in a text.',
  input: TextReplaceInput,
  output: z.string().describe('the text after replacement'),
  example: { text: 'v1.2.3', old: '.', new: '-' },
  async run(input) {
    return succeed(input.text.replaceAll(input.old, input.new));
  },
});
