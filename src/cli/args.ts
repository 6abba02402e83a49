// Shared CLI plumbing: exit codes (HOUSE-STYLE), usage errors, flag parsing with zod.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

export const EXIT = { ok: 0, failed: 1, usage: 2, skipped: 3 } as const;

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses argv with node's parseArgs, then validates the values with a zod schema. */
export function parseFlags<S extends z.ZodType>(argv: readonly string[], options: Options, schema: S): { values: z.infer<S>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const result = schema.safeParse(parsed.values);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  return { values: result.data, positionals: parsed.positionals };
}
