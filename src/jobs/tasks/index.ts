// Every task a worker can run, and the schedule built from the configuration.
import type { Config } from '../../config.js';
import type { ScheduleEntry } from '../schedule.js';
import { registry } from '../task.js';
import { embedTask } from './embed.js';
import { harvestTask } from './harvest.js';

export const TASKS = registry([harvestTask, embedTask]);

/** Papers written since the last run (harvests, imports, submissions) get their vectors this often. */
export const EMBED_EVERY_MINUTES = 10;

/**
 * THE schedule. Embedding runs on every install (it is local work). The daily harvest runs only
 * when the operator has configured a contact address (arXiv's terms); without one Paperboy makes
 * no outside requests at all.
 */
export function schedule(config: Config): ScheduleEntry[] {
  const embed: ScheduleEntry = { name: 'embed', task: embedTask, everyMinutes: EMBED_EVERY_MINUTES, payload: () => ({}) };
  if (config.arxiv.contactEmail === null) return [embed];
  const sets = config.arxiv.harvestSets.length > 0 ? config.arxiv.harvestSets : [undefined];
  return [embed, ...sets.map((set) => ({
    name: `harvest-${config.arxiv.harvestFormat}-${set ?? 'all'}`,
    task: harvestTask,
    dailyAtUtc: config.arxiv.harvestAtUtc,
    payload: () => ({ format: config.arxiv.harvestFormat, ...(set ? { set } : {}) }),
  }))];
}
