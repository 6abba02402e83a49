// The mails of the subscription life cycle: plain text, each with one link whose page has a button
// (mail scanners follow links, they do not press buttons). Only the digest itself (digest engineer)
// goes to active subscriptions; these go to the address that asked, to let it confirm or manage.
import type { OutgoingMail } from './mailer.js';

const SITE = 'Paperboy';

function mail(to: string, subject: string, lines: readonly string[], headers?: Readonly<Record<string, string>>): OutgoingMail {
  return { to, subject: `${SITE}: ${subject}`, text: `${lines.join('\n')}\n\n— ${SITE}\n`, ...(headers === undefined ? {} : { headers }) };
}

export function confirmSubscriptionMail(to: string, link: URL, hours: number): OutgoingMail {
  return mail(to, 'confirm your digest subscription', [
    `Someone (we hope you) asked for the ${SITE} digest of new research papers at this address.`,
    '',
    'To start receiving it, open this link and press the button on the page:',
    link.toString(),
    '',
    `The link works once, for ${hours} hours. If you did not ask, ignore this mail: nothing will be sent to you.`,
  ]);
}

export function alreadySubscribedMail(to: string, manageLink: URL, unsubscribeLink: URL): OutgoingMail {
  return mail(to, 'you are already subscribed', [
    `Someone (we hope you) asked for the ${SITE} digest at this address, which already receives it.`,
    '',
    `Change what you receive and when: ${manageLink.toString()}`,
    `Unsubscribe: ${unsubscribeLink.toString()}`,
    '',
    'If it was not you, ignore this mail: nothing has changed.',
  ]);
}
