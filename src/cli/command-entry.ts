// The tfpbr command process: started by bin/tfpbr.js through run-in-child.mjs, runs the CLI as before.
import { serveCommand } from './command-child.ts';
import { main } from './main.ts';

await serveCommand((argv) => main(argv));
