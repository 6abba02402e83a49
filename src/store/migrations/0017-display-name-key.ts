// Chosen public names are unique (profiles at /users/<name>): display_name_key is the name's case-
// and compatibility-folded key (domain/display-name.ts), set when a reader picks a name. Generated
// names (reader-<8 random hex>, a form chosen names may not take), rows from before accounts and
// deleted accounts keep it null.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('display_name_key', 'text').execute();
  await db.schema.createIndex('users_display_name_key').on('users').column('display_name_key').unique().execute();
}
