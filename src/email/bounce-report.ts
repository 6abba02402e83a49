// Reading a bounce: an RFC 3464 delivery status notification (multipart/report;
// report-type=delivery-status). mailparser takes the MIME apart; the message/delivery-status part's
// fields (RFC 3464 §2: a per-message block, then one block per recipient, each "Name: value" lines
// folded like mail headers) are read here. Status classes per RFC 3463: 5.x.x permanent (a hard
// bounce), 4.x.x persistent transient (a soft one), 2.x.x success (no bounce).
import crypto from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import type { BounceKind } from '../domain/subscription.js';

export interface DsnRecipient {
  /** Final-Recipient address (type prefix "rfc822;" removed), lower-cased as written otherwise. */
  readonly finalRecipient: string | null;
  readonly originalRecipient: string | null;
  /** failed, delayed, delivered, relayed or expanded (RFC 3464 §2.3.3). */
  readonly action: string | null;
  /** Enhanced status code, e.g. 5.1.1. */
  readonly status: string | null;
  readonly diagnosticCode: string | null;
  /** hard for 5.x.x, soft for 4.x.x; null when this recipient's line is no bounce. */
  readonly kind: BounceKind | null;
}

export interface BounceReport {
  /** De-duplication key: the report's Message-ID, else "sha256:" + hash of its bytes. */
  readonly key: string;
  readonly recipients: readonly DsnRecipient[];
  /** Addresses the report is addressed to by its headers (Delivered-To, X-Original-To, To). */
  readonly addressedTo: readonly string[];
  /** The returned original's headers (text/rfc822-headers or message/rfc822 parts), as text. */
  readonly returned: string;
}

const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_TYPES = new Set(['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']);

/** Blocks of fields: unfolded (a line starting with white space continues the previous one), split at blank lines. */
export function parseDeliveryStatusFields(text: string): Map<string, string>[] {
  const blocks: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (current.size > 0) blocks.push(current);
      current = new Map();
      last = null;
    } else if (/^[ \t]/.test(line) && last !== null) {
      current.set(last, `${current.get(last) ?? ''} ${line.trim()}`.trim());
    } else {
      const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
      if (m?.[1] === undefined) continue;
      last = m[1].toLowerCase();
      current.set(last, (m[2] ?? '').trim());
    }
  }
  if (current.size > 0) blocks.push(current);
  return blocks;
}

/** "rfc822; Ann@Example.org" → "Ann@Example.org"; other address types (x400 …) → null. */
function recipientAddress(value: string | undefined): string | null {
  if (value === undefined) return null;
  const m = /^\s*(?:([A-Za-z0-9-]+)\s*;)?\s*<?([^<>\s;]+@[^<>\s;]+)>?\s*$/.exec(value);
  if (m === null) return null;
  const type = (m[1] ?? 'rfc822').toLowerCase();
  return type === 'rfc822' || type === 'utf-8' ? (m[2] ?? null) : null;
}

export function bounceKindOfStatus(action: string | null, status: string | null): BounceKind | null {
  if (action !== null && ['delivered', 'relayed', 'expanded'].includes(action)) return null;
  const cls = status === null ? null : /^([245])\.\d{1,3}\.\d{1,3}$/.exec(status)?.[1];
  if (cls === '5') return 'hard';
  if (cls === '4') return 'soft';
  // No (valid) status: RFC 3464 requires one; an Action of failed alone still says the mail is lost.
  if (cls === undefined || cls === null) return action === 'failed' ? 'hard' : action === 'delayed' ? 'soft' : null;
  return null;
}

function recipientOf(block: Map<string, string>): DsnRecipient {
  const action = block.get('action')?.toLowerCase() ?? null;
  const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(block.get('status') ?? '')?.[1] ?? null;
  return {
    finalRecipient: recipientAddress(block.get('final-recipient')),
    originalRecipient: recipientAddress(block.get('original-recipient')),
    action,
    status,
    diagnosticCode: block.get('diagnostic-code') ?? null,
    kind: bounceKindOfStatus(action, status),
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter((a) => a !== '');
}

function headerAddresses(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => (typeof v === 'string' ? [...v.matchAll(/<?([^<>\s,;]+@[^<>\s,;]+)>?/g)].map((m) => m[1] ?? '') : [])).filter((a) => a !== '');
}

/** The delivery status notification in `raw`, or null when it is not one (an auto-reply, spam, …). */
export async function parseBounceReport(raw: Buffer): Promise<BounceReport | null> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipHtmlToText: true, skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  const dsn = mail.attachments.find((a) => DSN_TYPES.has(a.contentType.toLowerCase()));
  if (dsn === undefined) return null;
  const [, ...perRecipient] = parseDeliveryStatusFields(dsn.content.toString('utf8'));
  const recipients = perRecipient.filter((b) => b.has('final-recipient') || b.has('action')).map(recipientOf);
  const messageId = mail.messageId?.replace(/^<|>$/g, '').trim();
  const key = messageId !== undefined && messageId !== '' ? messageId : `sha256:${crypto.createHash('sha256').update(raw).digest('hex')}`;
  const addressedTo = [
    ...headerAddresses(mail.headers.get('delivered-to')),
    ...headerAddresses(mail.headers.get('x-original-to')),
    ...addresses(mail.to),
  ];
  const returned = mail.attachments
    .filter((a) => RETURNED_TYPES.has(a.contentType.toLowerCase()))
    .map((a) => a.content.toString('utf8'))
    .join('\n');
  return { key, recipients, addressedTo: [...new Set(addressedTo)], returned };
}
