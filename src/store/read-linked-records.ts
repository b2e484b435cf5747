import { compareText } from '../core/claims/compare-text.ts';
import { SOURCE_NAMES, SOURCES, type SourceName } from '../shared/extracts.ts';
import type { Store } from './open-store.ts';
import { decodeStagingRow } from './staging-row.ts';

/** One linked record, where it came from, and the strongest link that put it in its person (null: on its own). */
export interface LinkedRecord {
  readonly source: SourceName;
  readonly file: string;
  readonly line: number;
  /** The early-help person_ref; null for other sources. */
  readonly recordId: string | null;
  readonly personId: string;
  readonly link: { readonly probability: number; readonly rule: string | null; readonly explanationJson: string } | null;
}

interface StoredLink { probability: number; rule: string | null; explanation_json: string }

/**
 * How `readLinkedRecords` gets links.csv's order (source, file name, line). `stored`: each source
 * read in its stored order (lnk_persons' key, row id), which is file order for a run's one file
 * per source (ingest stores a file's rows in line order), so nothing is sorted and the read holds
 * one page whatever the county; each record is checked to come after the one before, and
 * `LinkedRecordsOutOfOrder` is thrown at the first that does not (several files of one source,
 * stored in another order than their names): start again with `sorted`, which has the store sort
 * every source's records (SQLite sorts them in memory up to its cache size, then in temp files).
 */
export type LinkedRecordOrder = 'stored' | 'sorted';

/** Thrown by `readLinkedRecords(…, 'stored')` when the stored order is not links.csv's order. */
export class LinkedRecordsOutOfOrder extends Error {
  constructor(readonly source: SourceName) {
    super(`the records of ${source} are not stored in file and line order`);
    this.name = 'LinkedRecordsOutOfOrder';
  }
}

/**
 * A linked record as the store gives it: its file name, line and row id, its early-help row's text
 * (null for other sources), its person, and its best link's probability, rule and explanation (null: none).
 */
export type LinkedRecordRow = [string, number, number, string | null, string, number | null, string | null, string | null];
/** A page of one source's linked records: plain data another thread can be sent (`linkedRecordsOf` makes the records there). */
export interface LinkedRecordPage { readonly source: SourceName; readonly rows: LinkedRecordRow[] }

/**
 * Every record of a link run, by source name, file name and line (links.csv's order), read as
 * it is written out, a page at a time: one join per source, the best link found through `best_link`. A run
 * linked before `best_link` existed has its best links worked out from lnk_links in memory.
 */
export async function* readLinkedRecords(store: Store, linkRunId: number, order: LinkedRecordOrder = 'sorted'): AsyncGenerator<LinkedRecord[]> {
  for await (const page of readLinkedRecordPages(store, linkRunId, order)) yield linkedRecordsOf(page);
}

/** `readLinkedRecords` as the store gives the records. */
export async function* readLinkedRecordPages(store: Store, linkRunId: number, order: LinkedRecordOrder = 'sorted'): AsyncGenerator<LinkedRecordPage> {
  const { sql } = store;
  const hasBest = (await sql.get('SELECT 1 AS yes FROM lnk_best_links WHERE run_id = ?', [linkRunId])) !== undefined;
  const best = hasBest ? null : await bestLinksInMemory(store, linkRunId);
  for (const source of [...SOURCE_NAMES].sort(compareText)) {
    const def = SOURCES[source];
    const text = `SELECT f.name, s.line, s.row_id, ${source === 'early_help_families' ? 's.v' : 'NULL'}, p.person_id, l.probability, l.rule,
        coalesce(e.explanation_json, l.explanation_json)
      FROM lnk_persons p JOIN ${def.rowsTable} s ON s.row_id = p.row_id JOIN input_files f ON f.id = s.file_id
      LEFT JOIN lnk_links l ON l.rowid = p.best_link LEFT JOIN lnk_explanations e ON e.run_id = l.run_id AND e.id = l.explanation_id
      WHERE p.run_id = ? AND p.source = ? ORDER BY ${order === 'stored' ? 'p.row_id' : 'f.name, s.line'}`;
    // The order check: (file name, line) strictly increasing, names compared as the stores do (UTF-8 bytes).
    let lastFile: string | null = null, lastLine = 0;
    for await (const rows of sql.pages<LinkedRecordRow>(text, [linkRunId, source])) {
      for (const row of rows) {
        const [file, line, rowId] = row;
        if (order === 'stored') {
          if (file !== lastFile) {
            if (lastFile !== null && Buffer.compare(Buffer.from(lastFile), Buffer.from(file)) >= 0) throw new LinkedRecordsOutOfOrder(source);
            lastFile = file;
          } else if (line <= lastLine) throw new LinkedRecordsOutOfOrder(source);
          lastLine = line;
        }
        if (best) {
          const l = best.get(`${source}:${rowId}`);
          row[5] = l?.probability ?? null; row[6] = l?.rule ?? null; row[7] = l?.explanation_json ?? null;
        }
      }
      yield { source, rows };
    }
  }
}

/** A page's records. */
export function linkedRecordsOf({ source, rows }: LinkedRecordPage): LinkedRecord[] {
  const def = SOURCES[source];
  const refAt = source === 'early_help_families' ? def.fields.findIndex((f) => f.name === 'person_ref') : -1;
  const out: LinkedRecord[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [file, line, , v, personId, probability, rule, explanationJson] = rows[i];
    out[i] = {
      source, file, line, personId,
      recordId: v === null ? null : (decodeStagingRow(def, v)[refAt] as string | null),
      link: probability === null ? null : { probability, rule, explanationJson: explanationJson! },
    };
  }
  return out;
}

async function bestLinksInMemory(store: Store, linkRunId: number): Promise<Map<string, StoredLink>> {
  const best = new Map<string, StoredLink>();
  const links = await store.sql.all<StoredLink & { left_key: string; right_key: string }>('SELECT left_key, right_key, probability, rule, explanation_json FROM lnk_links WHERE run_id = ? ORDER BY rowid', [linkRunId]);
  for (const l of links) {
    for (const k of [l.left_key, l.right_key]) {
      const b = best.get(k);
      if (!b || l.probability > b.probability) best.set(k, l);
    }
  }
  return best;
}
