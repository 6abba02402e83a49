// Stored embeddings and embedding models (migration 0006), through Kysely on both dialects.
import { sql } from 'kysely';
import type { Store } from './db.js';

export interface EmbeddingModelRow {
  readonly id: string;
  readonly dims: number;
  readonly scale: number;
  /** Subtracted from every vector before quantizing (null: nothing). */
  readonly center: Float32Array | null;
  readonly params: Uint8Array | null;
  readonly trainedDocs: number;
  readonly state: 'building' | 'active';
}

export interface EmbeddingWrite {
  readonly key: string;
  readonly contentHash: string | null;
  readonly vector: Int8Array;
}

export interface StoredEmbedding {
  readonly seq: number;
  readonly key: string;
  readonly vector: Int8Array;
}

export interface PaperToEmbed {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly contentHash: string;
}

const toInt8 = (b: Uint8Array) => new Int8Array(b.buffer, b.byteOffset, b.byteLength);
const toBytes = (v: Int8Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

export async function embeddingModel(store: Store, state: 'building' | 'active'): Promise<EmbeddingModelRow | null> {
  const row = await store.db.selectFrom('embedding_models').selectAll().where('state', '=', state).orderBy('created_at', 'desc').executeTakeFirst();
  if (!row) return null;
  const center = row.center ? new Float32Array(row.center.buffer.slice(row.center.byteOffset, row.center.byteOffset + row.center.byteLength)) : null;
  return { id: row.id, dims: row.dims, scale: row.scale, center, params: row.params, trainedDocs: row.trained_docs, state: row.state };
}

/** Registers a model being built; a model with the same id (a re-run) is left as it is. */
export async function createEmbeddingModel(store: Store, m: Omit<EmbeddingModelRow, 'state' | 'center'> & { readonly center?: Float32Array | null }, now: Date): Promise<void> {
  await store.db
    .insertInto('embedding_models')
    .values({
      id: m.id,
      dims: m.dims,
      scale: m.scale,
      center: m.center ? Buffer.from(m.center.buffer, m.center.byteOffset, m.center.byteLength) : null,
      params: m.params,
      trained_docs: m.trainedDocs,
      state: 'building',
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Makes `id` the active model and drops every other model with its vectors, in one transaction. */
export async function activateEmbeddingModel(store: Store, id: string): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('embeddings').where('model_id', '<>', id).execute();
    await trx.deleteFrom('embedding_models').where('id', '<>', id).execute();
    await trx.updateTable('embedding_models').set({ state: 'active' }).where('id', '=', id).execute();
  });
}

/** Replaces the vectors of these keys (a replaced vector gets a new seq), in one transaction. */
export async function writeEmbeddings(store: Store, modelId: string, rows: readonly EmbeddingWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await store.db.transaction().execute(async (trx) => {
    // 500 keys per statement stays under both dialects' bound-parameter limits.
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      await trx
        .deleteFrom('embeddings')
        .where('model_id', '=', modelId)
        .where(
          'doc_key',
          'in',
          part.map((r) => r.key),
        )
        .execute();
      await trx
        .insertInto('embeddings')
        .values(part.map((r) => ({ model_id: modelId, doc_key: r.key, content_hash: r.contentHash, vector: toBytes(r.vector) })))
        .execute();
    }
  });
}

/** Vectors written after `seq`, oldest first. */
export async function embeddingsAfter(store: Store, modelId: string, seq: number, limit: number): Promise<StoredEmbedding[]> {
  const rows = await store.db
    .selectFrom('embeddings')
    .select(['seq', 'doc_key', 'vector'])
    .where('model_id', '=', modelId)
    .where('seq', '>', seq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), key: r.doc_key, vector: toInt8(r.vector) }));
}

export async function storedEmbedding(store: Store, modelId: string, key: string): Promise<Int8Array | null> {
  const row = await store.db.selectFrom('embeddings').select('vector').where('model_id', '=', modelId).where('doc_key', '=', key).executeTakeFirst();
  return row ? toInt8(row.vector) : null;
}

/**
 * Catalog papers after `afterId` (in id order) with no vector in this model, or one of an older
 * version of the paper. Walking by id keeps a full pass over a million papers linear.
 */
export async function papersToEmbed(store: Store, modelId: string, afterId: string, limit: number): Promise<PaperToEmbed[]> {
  const rows = await store.db
    .selectFrom('papers as p')
    .leftJoin('embeddings as e', (j) => j.onRef('e.doc_key', '=', 'p.id').on('e.model_id', '=', modelId))
    .select(['p.id', 'p.title', 'p.abstract', 'p.content_hash'])
    .where('p.id', '>', afterId)
    .where((eb) => eb.or([eb('e.seq', 'is', null), eb('e.content_hash', '<>', eb.ref('p.content_hash'))]))
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, abstract: r.abstract, contentHash: r.content_hash }));
}

export async function countPapers(store: Store): Promise<number> {
  const row = await store.db.selectFrom('papers').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countEmbeddings(store: Store, modelId: string): Promise<number> {
  const row = await store.db.selectFrom('embeddings').select(sql<number>`count(*)`.as('n')).where('model_id', '=', modelId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Title and abstract of up to `limit` papers, newest first: the training sample of the catalog embedder. */
export async function trainingTexts(store: Store, limit: number): Promise<string[]> {
  const rows = await store.db.selectFrom('papers').select(['title', 'abstract']).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => `${r.title}\n${r.abstract}`);
}
