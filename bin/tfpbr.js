#!/usr/bin/env node
// Shim: the command runs in a child process with a heap limit (src/cli/command-entry.ts, loaded
// through tsx there); this process forwards signals and cleans up should it die (decisions 68, 71).
import { runInChild } from '../src/cli/run-in-child.mjs';

process.exitCode = await runInChild({ entry: new URL('../src/cli/command-entry.ts', import.meta.url), argv: process.argv.slice(2) });
