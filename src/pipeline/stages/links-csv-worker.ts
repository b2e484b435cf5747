/** Worker: writes links.csv, its records' pages sent by the claim's thread (links-csv.ts). */
import { serveInTurn } from '../worker-in-turn.ts';
import { linksCsvJobs } from './links-csv.ts';

serveInTurn(linksCsvJobs);
