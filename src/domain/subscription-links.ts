// The links every digest carries for its subscription: the manage page and the unsubscribe page, both
// authenticated by the subscription's unsubscribe token, and the RFC 8058 one-click headers that let a
// mail client unsubscribe with a single cookie-less POST to the same URL.

/** Where the reader changes frequency, time, categories and keywords. */
export function manageSubscriptionUrl(baseUrl: URL, unsubscribeToken: string): URL {
  return new URL(`/subscription/${encodeURIComponent(unsubscribeToken)}`, baseUrl);
}

/** GET shows a confirmation page; POST with List-Unsubscribe=One-Click unsubscribes at once (RFC 8058). */
export function unsubscribeUrl(baseUrl: URL, unsubscribeToken: string): URL {
  return new URL(`/unsubscribe/${encodeURIComponent(unsubscribeToken)}`, baseUrl);
}

/**
 * The List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058 §3.1) headers of a digest. The
 * URL must be https on a public site for Gmail and Yahoo to offer their unsubscribe button, and the
 * mail must be DKIM-signed covering both headers (RFC 8058 §4), which nodemailer's signer does since
 * it signs every header present.
 */
export function listUnsubscribeHeaders(baseUrl: URL, unsubscribeToken: string): Readonly<Record<string, string>> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(baseUrl, unsubscribeToken).href}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
