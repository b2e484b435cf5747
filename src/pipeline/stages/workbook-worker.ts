/** Worker: writes the claim's workbook, its streamed sheets' rows sent by the claim's thread (workbook-thread.ts). */
import { serveInTurn } from '../worker-in-turn.ts';
import { workbookJobs } from './workbook-thread.ts';

serveInTurn(workbookJobs);
