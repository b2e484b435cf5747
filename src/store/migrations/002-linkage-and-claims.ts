import type { Kysely } from 'kysely';

/** Linkage results, clerical-review decisions, per-run family verdicts and the claim ledger. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('lnk_persons')
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('row_id', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lnk_persons_pk', ['run_id', 'source', 'row_id'])
    .execute();
  await db.schema.createIndex('lnk_persons_person').on('lnk_persons').columns(['run_id', 'person_id']).execute();

  await db.schema.createTable('lnk_links')
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .addColumn('left_key', 'text', (c) => c.notNull())
    .addColumn('right_key', 'text', (c) => c.notNull())
    .addColumn('probability', 'real', (c) => c.notNull())
    .addColumn('match_weight', 'real', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('explanation_json', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('lnk_review')
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .addColumn('left_key', 'text', (c) => c.notNull())
    .addColumn('right_key', 'text', (c) => c.notNull())
    .addColumn('probability', 'real', (c) => c.notNull())
    .addColumn('pair_json', 'text', (c) => c.notNull())
    .execute();

  // Decisions outlive runs and quarters: keyed by record fingerprints, not row ids.
  await db.schema.createTable('lnk_decisions')
    .addColumn('left_fingerprint', 'text', (c) => c.notNull())
    .addColumn('right_fingerprint', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lnk_decisions_pk', ['left_fingerprint', 'right_fingerprint'])
    .execute();

  await db.schema.createTable('ev_verdicts')
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .addColumn('family_ref', 'text', (c) => c.notNull())
    .addColumn('claim_date', 'text', (c) => c.notNull())
    .addColumn('eligible', 'integer', (c) => c.notNull())
    .addColumn('route', 'text')
    .addColumn('verdict_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ev_verdicts_pk', ['run_id', 'family_ref'])
    .execute();

  // One row per family ever claimed for results: the primary key is the once-only rule.
  await db.schema.createTable('claim_ledger')
    .addColumn('family_ref', 'text', (c) => c.primaryKey())
    .addColumn('window', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('amount', 'real', (c) => c.notNull())
    .addColumn('claim_date', 'text', (c) => c.notNull())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .addColumn('submitted', 'integer', (c) => c.notNull())
    .execute();
}
