import type { Kysely } from 'kysely';

/**
 * Withdrawals of submitted claims (after a failed spot check or internal audit). The claim stays
 * in claim_ledger; the withdrawal is a second entry, so the ledger keeps both.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('claim_withdrawals')
    .addColumn('family_ref', 'text', (c) => c.primaryKey().references('claim_ledger.family_ref'))
    .addColumn('window', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('withdrawn_by', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text', (c) => c.notNull())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .execute();
}
