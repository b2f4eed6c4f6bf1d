// Read one line on a terminal without echoing it (secret answers of human.input). Not normative.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** Ask `question` on `output` and resolve to the line typed on `input`, which is not echoed. Rejects on Ctrl+C/EOF. */
export function askHiddenQuestion(input: Readable, output: Writable, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input, output, terminal: true });
    let answered = false;
    output.write(question);
    // readline echoes through _writeToOutput: silence it while the secret is typed.
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      answered = true;
      rl.close();
      output.write('\n');
      resolve(answer);
    });
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      if (!answered) reject(new Error('aborted'));
    });
  });
}
