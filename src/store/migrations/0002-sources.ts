// Seeds the import sources a daily entry can be credited to (see domain/paper.ts SOURCES).
import type { Kysely } from 'kysely';
import { SOURCES } from '../../domain/paper.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = Object.entries(SOURCES).map(([id, name]) => ({ id, name }));
  await (db as Kysely<{ sources: { id: string; name: string } }>)
    .insertInto('sources')
    .values(rows)
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
    .execute();
}
