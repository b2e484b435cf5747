// The tfpbr command thread: started by bin/tfpbr.js through run-in-worker.mjs, runs the CLI as before.
import { serveCommand } from './command-thread.ts';
import { main } from './main.ts';

await serveCommand((argv) => main(argv));
