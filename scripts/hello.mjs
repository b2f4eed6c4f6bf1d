// `npm run hello`: scaffold a demo project in .demo/ and run its hello flow with the freshly built CLI.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, 'reference', 'dist', 'cli', 'main.js');
const demo = join(root, '.demo');
rmSync(demo, { recursive: true, force: true });

function stepyard(args, cwd) {
  process.stdout.write(`$ stepyard ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

stepyard(['init', demo], root);
stepyard(process.argv.includes('--validate-only') ? ['validate', '--all'] : ['run', 'hello'], demo);
