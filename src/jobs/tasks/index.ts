// Every task a worker can run, and the schedule built from the configuration.
import type { Config } from '../../config.js';
import type { ScheduleEntry } from '../schedule.js';
import { registry } from '../task.js';
import { cleanUpTask } from './clean-up.js';
import { digestTask } from './digest.js';
import { embedTask } from './embed.js';
import { harvestTask } from './harvest.js';

export const TASKS = registry([harvestTask, embedTask, digestTask, cleanUpTask]);

/** The daily clean-up of expired account state runs at this UTC time (a quiet hour, after the harvest). */
export const CLEAN_UP_AT_UTC = { hour: 3, minute: 45 } as const;

/** Papers written since the last run (harvests, imports, submissions) get their vectors this often. */
export const EMBED_EVERY_MINUTES = 10;
/**
 * Due digests are looked for this often: each subscriber's local send hour is met within this many
 * minutes, also in time zones offset by 30 or 45 minutes (India, Nepal).
 */
export const DIGEST_EVERY_MINUTES = 15;

/**
 * THE schedule. Embedding, digests and the account clean-up run on every install (local work;
 * digests without a relay go to the outbox). The daily harvest runs only
 * when the operator has configured a contact address (arXiv's terms); without one Paperboy makes
 * no outside requests at all.
 */
export function schedule(config: Config): ScheduleEntry[] {
  const embed: ScheduleEntry = { name: 'embed', task: embedTask, everyMinutes: EMBED_EVERY_MINUTES, payload: () => ({}) };
  // Digests go out on every install: without an SMTP relay they land in the outbox folder.
  const digests: ScheduleEntry = { name: 'digests', task: digestTask, everyMinutes: DIGEST_EVERY_MINUTES, payload: () => ({}) };
  const cleanUp: ScheduleEntry = { name: 'clean-up', task: cleanUpTask, dailyAtUtc: CLEAN_UP_AT_UTC, payload: () => ({}) };
  if (config.arxiv.contactEmail === null) return [embed, digests, cleanUp];
  const sets = config.arxiv.harvestSets.length > 0 ? config.arxiv.harvestSets : [undefined];
  return [embed, digests, cleanUp, ...sets.map((set) => ({
    name: `harvest-${config.arxiv.harvestFormat}-${set ?? 'all'}`,
    task: harvestTask,
    dailyAtUtc: config.arxiv.harvestAtUtc,
    payload: () => ({ format: config.arxiv.harvestFormat, ...(set ? { set } : {}) }),
  }))];
}
