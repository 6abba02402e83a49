// JSON of /api/digest/preview: the period, whether it fell back to earlier papers, the subject,
// the sections with their papers (an explicit field list) and both rendered parts.
import type { DigestPreview } from '../../commands/digest-preview.js';
import { periodLabel } from '../../commands/digest-content.js';

export function digestPreviewJson(p: DigestPreview) {
  const { period, fellBackTo } = p.edition;
  return {
    period: { frequency: period.frequency, key: period.key, first: period.first, last: period.last, label: periodLabel(period) },
    fellBack: fellBackTo === null ? null : { key: fellBackTo.key, first: fellBackTo.first, last: fellBackTo.last, label: periodLabel(fellBackTo) },
    notice: p.mail.notice,
    subject: p.rendered.subject,
    sections: p.mail.sections.map((s) => ({
      id: s.id,
      heading: s.heading,
      intro: s.intro,
      papers: s.papers.map((x) => ({ id: x.id, title: x.title, authors: x.authors, summary: x.summary, votes: x.votes, codeUrl: x.codeUrl, paperUrl: x.paperUrl })),
    })),
    text: p.rendered.text,
    html: p.rendered.html,
  };
}
