// The one ArxivClient a process uses (its request spacing only holds within one client).
import type { Config } from '../config.js';
import { ArxivClient, ContactEmailMissingError, type ArxivClientOptions } from '../ingest/arxiv-client.js';

export { ArxivClient, ContactEmailMissingError };

let shared: ArxivClient | undefined;

/** This process's client for the configured arXiv endpoints; throws ContactEmailMissingError without a contact address. */
export function arxivClientFor(config: Config, onAttempt?: ArxivClientOptions['onAttempt']): ArxivClient {
  shared ??= new ArxivClient({ config: config.arxiv, siteUrl: config.baseUrl, onAttempt });
  return shared;
}
