// Choosing a public name (shown on comments, submissions and the profile at /users/<name>). No
// password is asked: the name is public and can be changed back at any time.
import { displayNameProblem, normalizeDisplayName } from '../../domain/display-name.js';
import { badRequest, conflict } from '../../domain/errors.js';
import { setDisplayName } from '../../store/users.js';
import type { AccountContext } from './context.js';

/** Sets the account's public name; returns the name as stored (normalized). */
export async function changeDisplayName(ctx: AccountContext, userId: number, raw: string): Promise<string> {
  const name = normalizeDisplayName(raw);
  const problem = displayNameProblem(name);
  if (problem) throw badRequest(problem);
  if ((await setDisplayName(ctx.store.db, userId, name)) === 'taken') throw conflict('Another reader has that public name (names ignore case). Pick another.');
  return name;
}
