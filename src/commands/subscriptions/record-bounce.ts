// Counting bounces met while sending (issue 6): a 5xx at RCPT TO is a hard bounce, a 4xx a soft one;
// any other failure (relay down, our credentials, our content) is not the recipient's fault and is
// not counted. The digest sender calls this with the error of each refused mail.
import { MailDeliveryError, PermanentRecipientError, TransientRecipientError } from '../../email/delivery-errors.js';
import type { BounceKind } from '../../domain/subscription.js';
import type { Db } from '../../store/db.js';
import { recordBounce, type BounceOutcome } from '../../store/subscriptions.js';

export { recordBounce };

/** hard / soft for a refusal of the recipient at RCPT TO; null for errors that are not bounces. */
export function bounceKindOf(err: unknown): BounceKind | null {
  if (err instanceof PermanentRecipientError) return 'hard';
  if (err instanceof TransientRecipientError) return 'soft';
  return null;
}

/**
 * Counts a send failure against the subscription when it is a bounce. `sendKey` identifies the send
 * (e.g. the digest's Message-ID), so retrying the bookkeeping for one refused mail counts it once.
 * Returns null when the error is not a bounce.
 */
export async function recordSendFailure(db: Db, subscriptionId: number, err: unknown, sendKey: string, now: Date): Promise<BounceOutcome | null> {
  const kind = bounceKindOf(err);
  if (kind === null) return null;
  const statusCode = err instanceof MailDeliveryError ? (/\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(err.response ?? '')?.[1] ?? null) : null;
  return recordBounce(db, { subscriptionId, kind, key: `smtp:${sendKey}`, source: 'smtp', statusCode, now: now.toISOString() });
}
