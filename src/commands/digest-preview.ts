// Use-case: the digest preview (/digest/preview, /api/digest/preview, `paperboy digest preview`):
// the unfiltered digest of a period as a subscriber would get it, rendered by the same code as the
// mails. Unlike sending, an empty period falls back to the latest papers, and the digest says so.
import type { DigestFrequency } from '../domain/digest-period.js';
import { NO_FILTER, prepareFilter } from '../domain/digest-filter.js';
import type { Day } from '../domain/period.js';
import type { DigestMail, RenderedDigest } from '../email/digest-model.js';
import { renderDigest } from '../email/digest-render.js';
import type { Store } from '../store/db.js';
import { digestMail, previewEdition, selectPapers, topSection, type DigestEdition } from './digest-content.js';
import type { DigestSite } from './send-digests.js';

/** Where the preview's footer links go: there is no subscription behind a preview. */
export const PREVIEW_SUBSCRIBE_PATH = '/subscribe';

export interface DigestPreview {
  readonly edition: DigestEdition;
  readonly mail: DigestMail;
  readonly rendered: RenderedDigest;
}

export async function digestPreview(store: Store, site: Pick<DigestSite, 'baseUrl' | 'siteName' | 'newAccountHours'>, frequency: DigestFrequency, date: Day | null, now: Date): Promise<DigestPreview> {
  const edition = await previewEdition(store, frequency, date, now, { newAccountHours: site.newAccountHours, baseUrl: site.baseUrl });
  const papers = selectPapers(edition, prepareFilter(NO_FILTER));
  const link = new URL(PREVIEW_SUBSCRIBE_PATH, site.baseUrl).href;
  const mail = digestMail(edition, [topSection(papers, frequency)], NO_FILTER, { manageUrl: link, unsubscribeUrl: link }, site.siteName, site.baseUrl);
  return { edition, mail, rendered: renderDigest(mail) };
}
