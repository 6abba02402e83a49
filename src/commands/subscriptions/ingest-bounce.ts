// Counting a bounce report against the subscription it is about (issue 6). Which subscription:
//   1. the VERP return path the report was sent to (the SMTP envelope's RCPT TO, or for a file its
//      Delivered-To / X-Original-To / To headers), if its check matches that subscription's token;
//   2. otherwise the report's Final-Recipient (or Original-Recipient), but only when the returned
//      original's headers carry that subscription's unsubscribe token (every digest has it in
//      List-Unsubscribe). Anyone can mail a report naming any address; only we know the tokens, so a
//      forged report cannot suspend someone else's subscription.
// Each report counts once per subscription, keyed by its Message-ID (or a hash of it), so a report
// ingested twice, or by both the CLI and the SMTP role, is counted once.
import { emailKey } from '../../domain/account.js';
import type { BounceKind } from '../../domain/subscription.js';
import { parseVerpAddress, verpCheckMatches } from '../../domain/verp.js';
import { parseBounceReport, type DsnRecipient } from '../../email/bounce-report.js';
import type { Db } from '../../store/db.js';
import { recordBounce, subscriptionByEmailKey, subscriptionById, type Subscription } from '../../store/subscriptions.js';

export interface BounceIntake {
  /** Base of the VERP return paths (config.mail.bounce.address). */
  readonly bounceAddress: string;
  /** RCPT TO addresses of the SMTP envelope, when the report came over SMTP. */
  readonly envelopeTo?: readonly string[];
  readonly now: Date;
}

export type RecipientOutcome =
  /** Counted now; `suspended` tells whether the subscription is suspended after it. */
  | 'counted'
  /** This report was counted for this subscription before. */
  | 'duplicate'
  /** A delivered/relayed line, or no status: nothing to count. */
  | 'not_a_bounce'
  /** No subscription found by VERP or by address. */
  | 'unknown_recipient'
  /** A subscription has that address, but the report carries no proof it is about our mail. */
  | 'unproven';

export interface RecipientResult {
  readonly recipient: string | null;
  readonly kind: BounceKind | null;
  readonly status: string | null;
  readonly subscriptionId: number | null;
  readonly outcome: RecipientOutcome;
  readonly suspended: boolean;
}

export type IngestOutcome = { readonly kind: 'not_a_report' } | { readonly kind: 'report'; readonly key: string; readonly results: readonly RecipientResult[] };

async function verpSubscription(db: Db, addresses: readonly string[], bounceAddress: string): Promise<Subscription | undefined> {
  for (const address of addresses) {
    const verp = parseVerpAddress(address, bounceAddress);
    if (verp === null) continue;
    const sub = await subscriptionById(db, verp.subscriptionId);
    if (sub !== undefined && verpCheckMatches(sub, verp.check)) return sub;
  }
  return undefined;
}

async function byAddress(db: Db, r: DsnRecipient, returned: string): Promise<{ sub?: Subscription; outcome?: RecipientOutcome }> {
  for (const address of [r.finalRecipient, r.originalRecipient]) {
    if (address === null) continue;
    const sub = await subscriptionByEmailKey(db, emailKey(address));
    if (sub === undefined) continue;
    return returned.includes(sub.unsubscribeToken) ? { sub } : { outcome: 'unproven' };
  }
  return { outcome: 'unknown_recipient' };
}

export async function ingestBounceReport(db: Db, raw: Buffer, intake: BounceIntake): Promise<IngestOutcome> {
  const report = await parseBounceReport(raw);
  if (report === null) return { kind: 'not_a_report' };
  const verpSub = await verpSubscription(db, intake.envelopeTo ?? report.addressedTo, intake.bounceAddress);
  const results: RecipientResult[] = [];
  for (const r of report.recipients) {
    const base = { recipient: r.finalRecipient ?? r.originalRecipient, kind: r.kind, status: r.status };
    if (r.kind === null) {
      results.push({ ...base, subscriptionId: null, outcome: 'not_a_bounce', suspended: false });
      continue;
    }
    const found = verpSub !== undefined ? { sub: verpSub } : await byAddress(db, r, report.returned);
    if (found.sub === undefined) {
      results.push({ ...base, subscriptionId: null, outcome: found.outcome ?? 'unknown_recipient', suspended: false });
      continue;
    }
    const counted = await recordBounce(db, {
      subscriptionId: found.sub.id,
      kind: r.kind,
      key: `dsn:${report.key}:${found.sub.id}`,
      source: 'dsn',
      statusCode: r.status,
      now: intake.now.toISOString(),
    });
    results.push({ ...base, subscriptionId: found.sub.id, outcome: counted.counted ? 'counted' : 'duplicate', suspended: counted.suspended });
  }
  return { kind: 'report', key: report.key, results };
}
