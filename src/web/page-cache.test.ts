import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';

const body = (text: string, status = 200) => ({ status, type: 'text/plain', body: Buffer.from(text) });

describe('PageCache', () => {
  it('reuses a body until it expires', async () => {
    let now = 0;
    let renders = 0;
    const cache = new PageCache(1000, () => now);
    const produce = async () => body(`render ${++renders}`);
    expect((await cache.get('/', produce)).body.toString()).toBe('render 1');
    now = 999;
    expect((await cache.get('/', produce)).body.toString()).toBe('render 1');
    now = 1000;
    expect((await cache.get('/', produce)).body.toString()).toBe('render 2');
  });

  it('renders once for concurrent misses and never caches failures or non-200s', async () => {
    let renders = 0;
    const cache = new PageCache(60_000);
    const slow = async () => {
      renders += 1;
      await new Promise((r) => setTimeout(r, 10));
      return body('x');
    };
    await Promise.all(Array.from({ length: 20 }, () => cache.get('/a', slow)));
    expect(renders).toBe(1);
    await expect(cache.get('/b', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.get('/b', async () => body('ok'))).body.toString()).toBe('ok');
    await cache.get('/c', async () => body('missing', 404));
    expect((await cache.get('/c', async () => body('now here'))).body.toString()).toBe('now here');
  });

  it('is off when the lifetime is zero', async () => {
    let renders = 0;
    const cache = new PageCache(0);
    await cache.get('/', async () => body(String(++renders)));
    await cache.get('/', async () => body(String(++renders)));
    expect(renders).toBe(2);
  });

  it('keeps a body\'s ETag and Last-Modified across re-renders of the same bytes, and changes both with the bytes', async () => {
    let now = 10_500;
    const cache = new PageCache(0, () => now);
    const first = await cache.get('/', async () => body('same'));
    now = 99_000;
    const again = await cache.get('/', async () => body('same'));
    expect(again.etag).toBe(first.etag);
    expect(again.lastModified.getTime()).toBe(10_000); // whole seconds, as HTTP dates carry
    const changed = await cache.get('/', async () => body('other'));
    expect(changed.etag).not.toBe(first.etag);
    expect(changed.lastModified.getTime()).toBe(99_000);
  });
});
