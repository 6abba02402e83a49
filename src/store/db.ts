// The one gateway to the database driver. SQLite (better-sqlite3, embedded, one file) is the
// default; PostgreSQL (pg) sits behind the same Kysely interface for multi-process deployments.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Dialect = DatabaseTarget['kind'];

export interface Store {
  readonly db: Db;
  readonly dialect: Dialect;
  /** The better-sqlite3 handle, for bulk paths that need prepared statements; store/ only. */
  readonly sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

/** How long a SQLite writer waits for another process's lock before failing (ms). */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;
/** SQLite page cache per connection (KiB). */
const SQLITE_CACHE_KIB = 64 * 1024;
/** Connections per process to PostgreSQL; web nodes are mostly served from the page cache. */
const PG_POOL_SIZE = 10;

// Write transactions take SQLite's write lock up front (BEGIN IMMEDIATE). A deferred BEGIN that
// reads first and writes later can fail with SQLITE_BUSY mid-transaction when another process
// wrote in between; IMMEDIATE makes it wait on busy_timeout instead.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase.Database) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

function openSqlite(file: string): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  database.pragma('synchronous = NORMAL');
  // 64 MiB page cache (the default is 2 MiB): bulk loads touch four B-trees per paper, and a
  // cache that holds their upper levels keeps inserts from re-reading pages.
  database.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  database.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database) });
  return { db, dialect: 'sqlite', sqlite: database, close: () => db.destroy() };
}

function openPostgres(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: PG_POOL_SIZE });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

export function openStore(target: DatabaseTarget): Store {
  return target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url);
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(store: Store): Promise<void> {
  // Unordered: features are built side by side, each migration adds its own tables, so an install
  // that already ran 0014 still gets a 0011 that landed after it (applied in key order among the new).
  const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, { cause: error });
  }
}

/** Opens and migrates: what every entry point does first. */
export async function openMigratedStore(target: DatabaseTarget): Promise<Store> {
  const store = openStore(target);
  try {
    await migrateToLatest(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
