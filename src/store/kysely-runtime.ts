import { createRequire } from 'node:module';

/**
 * kysely's runtime, loaded from its CommonJS build. Imported as ESM it is some 200 modules, each
 * passing through tsx's loader hooks: 0.47 s at the start of every command, against 0.12 s this
 * way. Types still come from `import type … from 'kysely'` (the same declarations); kysely's
 * values are taken only from here, so there is one instance of it.
 */
export const kysely = createRequire(import.meta.url)('kysely') as typeof import('kysely');
export const sql = kysely.sql;
