/** Worker: evaluates the chunks the evaluate stage sends it (evaluate-chunks.ts), one at a time, answering each in turn. */
import { serveInTurn } from '../worker-in-turn.ts';
import { chunkWorker } from './evaluate-chunks.ts';

serveInTurn(chunkWorker);
