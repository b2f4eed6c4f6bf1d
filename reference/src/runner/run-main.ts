// Entry of the run process (spec: exec.run-process); the body is run-process-main.ts.
// The same file is the entry of the run bundle (dist/bundle/run.cjs, see reference/scripts/build-bundles.mjs).
// When Node builds a V8 startup snapshot from that bundle (`node --build-snapshot`), every module is loaded and
// initialised at build time and the run starts only when the snapshot is deserialised.
import v8 from 'node:v8';
import { startRunProcess } from './run-process-main.js';
import { warmRunProcess } from './warm-up.js';

if (v8.startupSnapshot.isBuildingSnapshot()) {
  warmRunProcess();
  v8.startupSnapshot.setDeserializeMainFunction(startRunProcess);
} else {
  startRunProcess();
}
