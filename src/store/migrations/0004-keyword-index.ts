// The keyword index (SQLite FTS5), keyed by a generic document key so any corpus is indexed by the
// same code: the catalog uses the paper id; `paperboy eval-search` indexes a BEIR corpus by its _id.
//   search_docs     doc_key ↔ integer rowid of the FTS row (FTS5 rows are addressed by rowid)
//   search_fts      title, abstract, authors; Porter stemming over unicode61 with diacritics
//                   folded ("Scholkopf" finds "Schölkopf", "kernels" finds "kernel")
//   search_pending  catalog papers written since they were last indexed, filled by triggers in
//                   the writer's own transaction (so no write path can forget it, and a bulk
//                   import pays one small insert per paper); drained in batches by indexPending.
// PostgreSQL gets nothing here: keyword search there is not built yet (store/keyword-index.ts
// answers with a clear "not supported yet on PostgreSQL" error).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  const statements = [
    sql`create table search_docs (id integer primary key, doc_key text not null unique)`,
    sql`create virtual table search_fts using fts5(title, abstract, authors, tokenize = 'porter unicode61 remove_diacritics 2')`,
    sql`create table search_pending (doc_key text primary key) without rowid`,
    sql`create trigger papers_search_insert after insert on papers begin
          insert or ignore into search_pending (doc_key) values (new.id); end`,
    // The writers set content_hash exactly when something changed, authors included.
    sql`create trigger papers_search_update after update of title, abstract, content_hash on papers begin
          insert or ignore into search_pending (doc_key) values (new.id); end`,
    sql`create trigger papers_search_delete after delete on papers begin
          insert or ignore into search_pending (doc_key) values (old.id); end`,
    // A catalog that existed before this migration is indexed by the first drain.
    sql`insert into search_pending (doc_key) select id from papers`,
  ];
  for (const statement of statements) await statement.execute(db);
}
