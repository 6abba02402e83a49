import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('config', () => {
  it('has working defaults and is frozen', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', pageCacheSeconds: 30 });
    expect(config.baseUrl.toString()).toBe('http://localhost:3000/');
    expect(config.database).toEqual({ kind: 'sqlite', file: path.resolve('./data/paperboy.sqlite') });
    expect(config.arxiv.minIntervalMs).toBe(3000);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.arxiv)).toBe(true);
  });

  it('selects PostgreSQL by URL', () => {
    expect(parseConfig({ PAPERBOY_DATABASE_URL: 'postgres://u:p@db:5432/pb' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/pb' });
    expect(parseConfig({ PAPERBOY_DATABASE_URL: 'sqlite:/tmp/x.db' }).database).toEqual({ kind: 'sqlite', file: '/tmp/x.db' });
  });

  it('lists every problem at once', () => {
    try {
      parseConfig({ PAPERBOY_PORT: '99999', PAPERBOY_BASE_URL: 'nope', PAPERBOY_LOG_LEVEL: 'loud', PAPERBOY_HARVEST_AT: '25:00' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PAPERBOY_PORT', 'PAPERBOY_BASE_URL', 'PAPERBOY_LOG_LEVEL', 'PAPERBOY_HARVEST_AT']) expect(problems).toContain(name);
    }
  });

  it('allows a faster arXiv pace only against this machine', () => {
    expect(() => parseConfig({ PAPERBOY_ARXIV_MIN_INTERVAL_MS: '10' })).toThrow(/at least 3000/);
    const local = parseConfig({
      PAPERBOY_ARXIV_MIN_INTERVAL_MS: '10',
      PAPERBOY_ARXIV_API_URL: 'http://127.0.0.1:9999/api/query',
      PAPERBOY_OAI_URL: 'http://localhost:9999/oai2',
    });
    expect(local.arxiv.minIntervalMs).toBe(10);
  });

  it('chooses the embedder: the catalog one by default, a local ONNX folder on request', () => {
    const d = parseConfig({ PAPERBOY_DATA_DIR: '/srv/pb' });
    expect(d.embedder).toBe('catalog');
    expect(d.cacheDir).toBe(path.join('/srv/pb', 'cache'));
    expect(parseConfig({ PAPERBOY_EMBEDDER: 'onnx:/models/minilm' }).embedder).toEqual({ kind: 'onnx', folder: '/models/minilm' });
    expect(() => parseConfig({ PAPERBOY_EMBEDDER: 'Xenova/all-MiniLM-L6-v2' })).toThrow(/PAPERBOY_EMBEDDER/);
    expect(() => parseConfig({ PAPERBOY_EMBEDDER: 'onnx:' })).toThrow(/PAPERBOY_EMBEDDER/);
  });
});
