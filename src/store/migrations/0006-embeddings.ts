// Semantic search state, on both dialects:
//   embedding_models  one row per vector space: the active embedder (and, for the catalog-trained
//                     embedder, its parameters), plus the int8 scale of its stored vectors
//   embeddings        one int8 vector per document key and model; `seq` grows with every write, so
//                     a serving process loads only what was written since its last look
import { sql, type Kysely } from 'kysely';
import { idColumnType, isPostgres } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const blob = isPostgres(db) ? 'bytea' : 'blob';
  await db.schema
    .createTable('embedding_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dims', 'integer', (c) => c.notNull())
    // A stored vector is round((x − center) · scale): one scale for the whole model, and the mean
    // of the model's vectors (float32 array) subtracted first (quantize.ts says why).
    .addColumn('scale', sql`double precision`, (c) => c.notNull())
    .addColumn('center', blob)
    .addColumn('params', blob)
    .addColumn('trained_docs', 'integer', (c) => c.notNull().defaultTo(0))
    // 'building' while its vectors are computed, then 'active'; at most one is active.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('embeddings')
    .addColumn('seq', idColumnType(db), (c) => c.primaryKey())
    .addColumn('model_id', 'text', (c) => c.notNull().references('embedding_models.id').onDelete('cascade'))
    .addColumn('doc_key', 'text', (c) => c.notNull())
    // The paper's content hash when embedded: a changed paper is embedded again.
    .addColumn('content_hash', 'text')
    .addColumn('vector', blob, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('embeddings_model_doc').unique().on('embeddings').columns(['model_id', 'doc_key']).execute();
  await db.schema.createIndex('embeddings_model_seq').on('embeddings').columns(['model_id', 'seq']).execute();
}

