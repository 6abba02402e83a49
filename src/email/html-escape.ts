// Escaping for the HTML parts of mails. (web/html.ts has the site's templates; email/ sits below
// web/ in the layering and cannot use them.) Escapes the five characters that matter in text and
// in double- or single-quoted attribute values.
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
