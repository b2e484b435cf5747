#!/usr/bin/env node
// A stand-in for bin/tfpbr.js that runs hog-command.ts through the same command runner
// (src/cli/run-in-child.mjs): `node hog-command.mjs <ok|hog|block|throw|spin|wait> <db> <out> [--json]`.
// HOG_STOP_GRACE_MS shortens how long a command that ignores a forwarded signal is given.
import { runInChild } from '../../src/cli/run-in-child.mjs';

const grace = Number(process.env.HOG_STOP_GRACE_MS);
process.exitCode = await runInChild({
  entry: new URL('./hog-command.ts', import.meta.url),
  argv: process.argv.slice(2),
  ...(grace > 0 ? { stopGraceMs: grace } : {}),
});
