import { z } from 'zod';
import { DayParam } from '../../../domain/period-params.js';

/** An archive ("cs", "hep-th", "math") or a category ("cs.LG", "math.AG", "hep-th"). */
const Category = z
  .string()
  .trim()
  .max(40)
  .regex(/^[a-z]+(-[a-z]+)*(\.[A-Za-z]{2,3})?$/, 'cat must look like cs, cs.LG or hep-th');

export const NewQuery = z.object({
  date: DayParam.optional(),
  cat: z.union([z.literal('').transform(() => undefined), Category]).optional(),
});
