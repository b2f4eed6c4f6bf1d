// A tiny stand-in implementation for the harness's own tests. Behaviour by first argument.
import { mkdirSync } from 'node:fs';

const [command, ...args] = process.argv.slice(2);
const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
switch (command) {
  case 'init':
    mkdirSync('.stepyard', { recursive: true });
    break;
  case 'echo-json':
    process.stdout.write(`${args[0]}\n`);
    break;
  case 'exit':
    process.exitCode = Number(args[0]);
    break;
  case 'start-run':
    print({ event: 'run.started', run_id: 'r-77' });
    setTimeout(() => print({ event: 'run.completed', run_id: 'r-77' }), 300);
    break;
  case 'show':
    print({ ok: true, run_id: args[0] });
    break;
  case 'where':
    print({ cwd: process.cwd(), home: process.env.HOME, probe: process.env.STEPYARD_HARNESS_PROBE ?? null, args });
    break;
  case 'sleep':
    setTimeout(() => print({ ok: true }), Number(args[0]));
    break;
  default:
    process.stderr.write(`unknown ${command}\n`);
    process.exitCode = 2;
}
