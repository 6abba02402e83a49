// The account mails: plain text, each with one link that opens a page whose button does the deed
// (mail scanners follow links; they do not press buttons). Links carry the secret token, so they
// are only ever sent to the address they act for.
import type { OutgoingMail } from './mailer.js';

const SITE = 'Paperboy';

function mail(to: string, subject: string, lines: readonly string[]): OutgoingMail {
  return { to, subject: `${SITE}: ${subject}`, text: `${lines.join('\n')}\n\n— ${SITE}\n` };
}

export function verifyEmailMail(to: string, link: URL, hours: number): OutgoingMail {
  return mail(to, 'confirm your e-mail address', [
    `Someone (we hope you) made a ${SITE} account with this address.`,
    '',
    'To confirm it, open this link and press the button on the page:',
    link.toString(),
    '',
    `The link works once, for ${hours} hours. If you did not sign up, ignore this mail.`,
  ]);
}

export function alreadyRegisteredMail(to: string, loginLink: URL, resetLink: URL): OutgoingMail {
  return mail(to, 'you already have an account', [
    `Someone (we hope you) tried to sign up for ${SITE} with this address, which already has an account.`,
    '',
    `Log in: ${loginLink.toString()}`,
    `Forgot the password? ${resetLink.toString()}`,
    '',
    'If it was not you, ignore this mail: nothing has changed.',
  ]);
}

export function resetPasswordMail(to: string, link: URL, hours: number): OutgoingMail {
  return mail(to, 'choose a new password', [
    `Someone (we hope you) asked to reset the password of the ${SITE} account of this address.`,
    '',
    'To choose a new password, open this link:',
    link.toString(),
    '',
    `The link works once, for ${hours} hours. If you did not ask, ignore this mail: your password stays as it is.`,
  ]);
}

export function changeEmailMail(to: string, link: URL, hours: number): OutgoingMail {
  return mail(to, 'confirm your new e-mail address', [
    `Someone (we hope you) asked to move a ${SITE} account to this address.`,
    '',
    'To confirm, open this link and press the button on the page:',
    link.toString(),
    '',
    `The link works once, for ${hours} hours. If you did not ask, ignore this mail.`,
  ]);
}

export function emailChangedNotice(to: string, newAddress: string): OutgoingMail {
  return mail(to, 'your e-mail address was changed', [
    `The ${SITE} account of this address now uses ${newAddress}, and every session of it was logged out.`,
    '',
    'If you did not do this, reply to this mail.',
  ]);
}
