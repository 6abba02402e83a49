// Request validation: zod schemas per route; a failure becomes a 400 that says what to fix.
import type { z } from 'zod';
import { badRequest } from '../domain/errors.js';

export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw badRequest(problems.join('; '));
}
