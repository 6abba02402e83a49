// `paperboy user grant-moderator <email>`: an admin makes an account a moderator (issue 5, item 9).
// Run by hand on the server; the grant is written to the moderation audit log (actor: CLI).
// Exit 0 granted (or already a moderator or admin), 1 no live account has that address,
// 2 bad usage. The result goes to stdout, with a reminder when the account has no two-factor
// authentication yet (moderating needs it).
import { grantModerator } from '../commands/moderation.js';
import type { Config } from '../config.js';
import { openMigratedStore } from '../store/db.js';
import { EXIT, UsageError, parseFlags } from './args.js';
import { z } from 'zod';

export const USER_USAGE = 'paperboy user grant-moderator <email>';

export async function runUser(config: Config, argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'grant-moderator') throw new UsageError(`unknown user command: ${sub ?? '(none)'}\nusage: ${USER_USAGE}`);
  const { positionals } = parseFlags(rest, {}, z.object({}));
  const email = positionals[0];
  if (positionals.length !== 1 || email === undefined || !email.includes('@')) throw new UsageError(`expected one e-mail address\nusage: ${USER_USAGE}`);
  const store = await openMigratedStore(config.database);
  try {
    const outcome = await grantModerator(store, () => new Date(), email);
    if (outcome.kind === 'no_account') {
      process.stderr.write(`no account has the address ${email}\n`);
      return EXIT.failed;
    }
    process.stdout.write(outcome.kind === 'granted' ? `${email} (user ${outcome.userId}) is now a moderator\n` : `${email} (user ${outcome.userId}) already moderates\n`);
    if (!outcome.twoFactorEnabled) {
      const setup = new URL('/account/two-factor', config.baseUrl).href;
      process.stdout.write(`${email} must enrol in two-factor authentication (${setup}) and log in with a code before moderating: until then moderation answers 403\n`);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
