// Without SMTP every email becomes an .eml file; they carry invitation links and
// children's marks, so only the service's own user may read them.
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMailer, outboxDir } from '../../src/mail/create-mailer.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vestnik-mail-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const mode = async (file: string) => (await stat(file)).mode & 0o777;

test('an email without SMTP is a 0600 file in a 0700 outbox folder', async () => {
  const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'Vestnik <vestnik@localhost>', dataDir });
  const sent = await mailer.send({ to: 'parent@example.org', subject: 'Приглашение', text: 'https://school.example/invite?token=abc' });
  mailer.close();
  expect(await mode(outboxDir({ dataDir }))).toBe(0o700);
  expect(await mode(sent.file!)).toBe(0o600);
  expect(await readFile(sent.file!, 'utf8')).toContain('parent@example.org');
});

test('an outbox folder left world-readable by an older version is closed on the next email', async () => {
  await mkdir(outboxDir({ dataDir }), { mode: 0o755 });
  const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'Vestnik <vestnik@localhost>', dataDir });
  await mailer.send({ to: 'parent@example.org', subject: 'Итоговые отметки', text: 'Алгебра: 5' });
  mailer.close();
  expect(await mode(outboxDir({ dataDir }))).toBe(0o700);
});
