// Digest test helpers: a catalog with arXiv categories on the bundled sample days, the site the
// digests are sent for, and an SMTP mailer pointed at the loopback sink.
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import type { DigestSite } from '../../src/commands/send-digests.js';
import type { Day } from '../../src/domain/period.js';
import { SmtpMailer } from '../../src/email/smtp-mailer.js';
import type { Store } from '../../src/store/db.js';
import { entriesBetween } from '../../src/store/daily-read.js';
import { loadPapers } from '../../src/store/papers-read.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { HF_SAMPLES } from './paths.js';
import type { SmtpSink } from './smtp-sink.js';

/** The richest sample day: 17 papers. */
export const SAMPLE_DAY = '2026-08-21' as Day;
/** Papers of SAMPLE_DAY (in id order) given cs.CL; the rest get cs.CV. */
export const CL_PAPERS = 5;

export const SITE: DigestSite = {
  baseUrl: new URL('https://paperboy.example.org'),
  siteName: 'Paperboy',
  bounceAddress: 'bounces@paperboy.example.org',
  newAccountHours: 0,
};

/** Imports the HF samples and gives SAMPLE_DAY's papers arXiv categories; returns them in id order. */
export async function digestCatalog(store: Store): Promise<{ clIds: string[]; cvIds: string[] }> {
  await importHfDaily(store, HF_SAMPLES);
  const ids = [...new Set((await entriesBetween(store.db, SAMPLE_DAY, SAMPLE_DAY)).map((e) => e.paperId))].sort();
  const papers = await loadPapers(store.db, ids);
  const records = ids.map((id, i) => {
    const p = papers.get(id);
    if (p === undefined) throw new Error(`paper ${id} missing`);
    return { id: p.id, title: p.title, abstract: p.abstract, categories: i < CL_PAPERS ? ['cs.CL'] : ['cs.CV'] };
  });
  await upsertPapers(store.db, records);
  return { clIds: ids.slice(0, CL_PAPERS), cvIds: ids.slice(CL_PAPERS) };
}

export function sinkMailer(sink: SmtpSink, maxMailsPerSecond = 1000): SmtpMailer {
  return new SmtpMailer({ url: sink.url, from: { name: 'Paperboy', address: 'paperboy@paperboy.example.org' }, maxMailsPerSecond });
}
