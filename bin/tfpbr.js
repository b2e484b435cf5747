#!/usr/bin/env node
// Shim: the command runs in a worker thread with a heap limit (src/cli/command-worker.ts, loaded
// through tsx there); this thread forwards signals and cleans up should it die (decision 68).
import { runInWorker } from '../src/cli/run-in-worker.mjs';

process.exitCode = await runInWorker({ entry: new URL('../src/cli/command-worker.ts', import.meta.url), argv: process.argv.slice(2) });
