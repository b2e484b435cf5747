#!/usr/bin/env node
// A stand-in for bin/tfpbr.js that runs hog-command.ts through the same command-thread runner
// (src/cli/run-in-worker.mjs): `node hog-command.mjs <ok|hog|throw|spin> <db> <out> [--json]`.
// HOG_STOP_GRACE_MS shortens how long a command that ignores a forwarded signal is given.
import { runInWorker } from '../../src/cli/run-in-worker.mjs';

const grace = Number(process.env.HOG_STOP_GRACE_MS);
process.exitCode = await runInWorker({
  entry: new URL('./hog-command.ts', import.meta.url),
  argv: process.argv.slice(2),
  ...(grace > 0 ? { stopGraceMs: grace } : {}),
});
