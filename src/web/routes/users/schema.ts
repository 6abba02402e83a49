// The path of a public profile: a user id or a display name.
import { z } from 'zod';

/** Longest display name looked up (characters). */
export const MAX_HANDLE_CHARS = 100;

export const UserParams = z.object({
  who: z.string().trim().min(1, 'give a user id or name').max(MAX_HANDLE_CHARS, `a user name is at most ${MAX_HANDLE_CHARS} characters`),
});
