// The command process's bootstrap (started by run-in-child.mjs): register tsx, then load the
// (TypeScript) entry named first on the command line. `node ts-child.mjs ENTRY_URL SPEC ARGS...`;
// the entry's serveCommand (command-child.ts) reads SPEC and ARGS.
import { register } from 'tsx/esm/api';

register();
const [entry] = process.argv.splice(2, 1);
await import(entry);
