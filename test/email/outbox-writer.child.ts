// Child process for the outbox kill -9 test: writes large mails into the outbox given as argv[2] as
// fast as it can, until it is killed. Run with `node --import tsx`.
import { OutboxMailer } from '../../src/email/outbox-mailer.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: outbox-writer.child.ts <outbox dir>');
const mailer = new OutboxMailer({ dir, from: { name: 'Paperboy', address: 'paperboy@paperboy.test' } });
// ~2 MB of HTML per mail, so a write takes many chunks and a kill is likely to land inside one.
const html = `<html><body>${'<p>The quick brown fox jumps over the lazy dog.</p>\n'.repeat(40_000)}<p id="end">END</p></body></html>`;
for (let i = 0; ; i += 1) {
  await mailer.send({ to: `reader${i}@example.org`, subject: `mail ${i}`, text: `mail ${i}\nEND`, html });
}
