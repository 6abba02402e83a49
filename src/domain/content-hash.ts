// A fingerprint of a catalog record, stored with the paper: an upsert whose fingerprint equals
// the stored one writes nothing. Change detection only, not security, so MD5 (the cheapest digest
// node:crypto offers) is enough.
import { createHash } from 'node:crypto';
import type { PaperRecord } from './paper.js';

export function contentHash(record: PaperRecord): string {
  return createHash('md5').update(JSON.stringify(record)).digest('base64url').slice(0, 22);
}
