import { SOURCE_NAMES, SOURCES, type SourceName } from '../shared/extracts.ts';
import type { FamilyStory, StoryRecord } from '../shared/family-story.ts';
import type { FamilyVerdict } from '../shared/verdict.ts';
import type { Store } from './open-store.ts';
import { decodeEvidence } from './verdicts.ts';

/**
 * Everything the store knows about one family: its latest verdict (at `claimDate` when given),
 * its members as the link run before that verdict linked them, every record of each member with
 * file and line, and its ledger entry. Null when the family was never evaluated.
 */
export async function readFamilyStory(store: Store, familyRef: string, claimDate?: string): Promise<FamilyStory | null> {
  const { sql } = store;
  const v = await sql.get<{ run_id: number; verdict_json: string; evidence_json: string | null }>(`SELECT run_id, verdict_json, evidence_json FROM ev_verdicts WHERE family_ref = ? ${claimDate ? 'AND claim_date = ?' : ''}
    ORDER BY run_id DESC LIMIT 1`, claimDate ? [familyRef, claimDate] : [familyRef]);
  if (!v) return null;
  const linkRun = (await sql.get<{ id: number | null }>('SELECT max(run_id) AS id FROM lnk_persons WHERE run_id <= ?', [v.run_id]))!.id;
  const members = linkRun === null ? [] : await sql.all<{ personRef: string; role: string | null; personId: string }>(`SELECT s.person_ref AS "personRef", s.role, p.person_id AS "personId" FROM stg_early_help_families s
    JOIN lnk_persons p ON p.run_id = ? AND p.source = 'early_help_families' AND p.row_id = s.row_id
    WHERE s.family_ref = ? ORDER BY s.person_ref NULLS FIRST, s.line`, [linkRun, familyRef]);
  const byPerson = new Map<string, StoryRecord[]>();
  for (const m of members) byPerson.set(m.personId, []);
  // One statement per source for all the members (a family is a handful of persons), through the records in person order.
  const persons = [...byPerson.keys()];
  for (const source of persons.length > 0 ? SOURCE_NAMES : []) {
    const text = `SELECT p.person_id AS "personId", f.name AS file, s.line FROM lnk_persons_by_person p JOIN ${SOURCES[source].rowsTable} s ON s.row_id = p.row_id
      JOIN input_files f ON f.id = s.file_id WHERE p.run_id = ? AND p.source = ? AND p.person_id IN (${persons.map(() => '?').join(', ')})
      ORDER BY p.person_id, f.name, s.line`;
    for (const r of await sql.all<{ personId: string; file: string; line: number }>(text, [linkRun, source, ...persons])) {
      byPerson.get(r.personId)!.push({ source, file: r.file, line: r.line });
    }
  }
  const files = new Map((await sql.all<{ id: number; name: string }>('SELECT id, name FROM input_files')).map((f) => [f.id, f.name]));
  const l = await sql.get<{ window: string; route: string; amount: number; submitted: number }>('SELECT "window", route, amount, submitted FROM claim_ledger WHERE family_ref = ?', [familyRef]);
  return {
    // Evidence is stored apart from the verdict (migration 006); older runs kept it inside verdict_json.
    verdict: { ...JSON.parse(v.verdict_json) as FamilyVerdict, ...(v.evidence_json ? { evidence: decodeEvidence(v.evidence_json) } : {}) }, evaluatedInRun: v.run_id, files,
    members: members.map((m) => ({ ...m, records: byPerson.get(m.personId) ?? [] })),
    ledger: l ? { window: l.window, route: l.route, amount: l.amount, submitted: l.submitted === 1 } : null,
  };
}
