// Every task a worker can run, and the schedule built from the configuration.
import type { Config } from '../../config.js';
import type { ScheduleEntry } from '../schedule.js';
import { registry } from '../task.js';
import { harvestTask } from './harvest.js';

export const TASKS = registry([harvestTask]);

/**
 * THE schedule. The daily harvest runs only when the operator has configured a contact address
 * (arXiv's terms); without one Paperboy makes no outside requests at all.
 */
export function schedule(config: Config): ScheduleEntry[] {
  if (config.arxiv.contactEmail === null) return [];
  const sets = config.arxiv.harvestSets.length > 0 ? config.arxiv.harvestSets : [undefined];
  return sets.map((set) => ({
    name: `harvest-${config.arxiv.harvestFormat}-${set ?? 'all'}`,
    task: harvestTask,
    dailyAtUtc: config.arxiv.harvestAtUtc,
    payload: () => ({ format: config.arxiv.harvestFormat, ...(set ? { set } : {}) }),
  }));
}
