import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { captureIo } from '../../support/context.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { createDuePaperBatches, createPaperBatch } from '../../../src/modules/paper/create-paper-batch.js';
import { renderPaperBatchPdf } from '../../../src/modules/paper/render-paper-batch-pdf.js';
import { insertOutbox } from '../../../src/modules/notifications/insert-outbox.js';
import { createFamily } from './fixtures.js';


let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('paper statements', () => {
  test('families who refused or have no working channel get a page each; the next batch starts from the handed-out one', async () => {
    const refused = await createFamily(db.prisma, { consent: 'refused', telegramChat: null, n: 501 });
    const noChannel = await createFamily(db.prisma, { schoolId: refused.schoolId, telegramChat: null, n: 502 });
    await createFamily(db.prisma, { schoolId: refused.schoolId, n: 503 });
    const start = new Date('2026-11-02T09:00:00Z');
    for (const [i, value] of ['5', '4', '4', '3', 'н'].entries()) {
      await db.prisma.mark.create({
        data: { schoolId: refused.schoolId, externalId: `p${i}`, studentId: noChannel.studentId, subjectId: noChannel.subjectId, periodId: noChannel.periodId, date: new Date(`2026-11-1${i}`), value, createdAt: new Date(`2026-11-1${i}T10:00:00Z`) },
      });
    }
    await db.prisma.finalMark.create({ data: { schoolId: refused.schoolId, studentId: noChannel.studentId, subjectId: noChannel.subjectId, periodId: noChannel.periodId, status: 'final', value: '4', publishedAt: new Date('2026-11-19T10:00:00Z') } });
    await insertOutbox(db.pool, [
      { schoolId: refused.schoolId, guardianId: noChannel.guardianId, channelId: null, channelType: 'paper', kind: 'final_mark', critical: true, payload: { cause: 'event:1', lang: 'ru', studentName: 'x', eventType: 'exam_result', data: { examResultId: 'e', name: 'n', date: '2026-11-19', score: null, maxScore: null, mark: '4' }, occurredAt: start.toISOString() }, nextAttemptAt: start, deadlineAt: null, eventIds: [] },
    ]);
    await db.pool.query(`UPDATE outbox_messages SET "createdAt" = $1`, [start]);
    const now = new Date('2026-11-20T12:00:00Z');
    const batch = await createPaperBatch(db.pool, { schoolId: refused.schoolId, classExternalId: '5A', now });
    expect(batch.statements.map((s) => s.studentName)).toEqual(['Иванов Пётр 501', 'Иванов Пётр 502']);
    const page = batch.statements[1]!;
    // The marks listed and the average beside them cover one stated window: the period so far.
    expect(page).toMatchObject({ schoolName: 'Школа № 1', window: { from: '2026-11-01', to: '2026-11-20' } });
    expect(page.subjects[0]).toMatchObject({ subject: 'Математика', marks: ['5', '4', '4', '3'], average: 4, forecast: '4', absences: 1 });
    expect(page.finals).toEqual([{ subject: 'Математика', period: '2 четверть', value: '4', deferredUntil: null }]);
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: noChannel.guardianId } })).toMatchObject({ status: 'sent', providerId: `paper-batch:${batch.batchId}` });

    const pdf = await renderPaperBatchPdf({ statements: batch.statements, coversFrom: batch.coversFrom, coversTo: batch.coversTo, lang: 'ru' });
    if (process.env.PAPER_PDF_OUT) await writeFile(process.env.PAPER_PDF_OUT, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'paper-'));
    await writeFile(path.join(dir, 'batch.pdf'), pdf);
    // The printed statement as a parent reads it (poppler-utils' pdftotext, installed by .ci/run).
    const text = execFileSync('pdftotext', [path.join(dir, 'batch.pdf'), '-']).toString();
    expect(text).toContain('Выписка об успеваемости');
    expect(text).toContain('Школа № 1');
    expect(text).toContain('Отметки, средние баллы и пропуски — с 01.11.2026 по 20.11.2026');
    expect(text).toContain('Пропуски: 1 урок (Математика — 1)');
    expect(text).toContain('Итоговую отметку выставляет учитель');
    expect(text).toContain('Подпись родителя');
    expect(text.split('\f').filter((p) => p.trim()).length).toBe(2);

    // Not handed out yet: a new batch covers the same time again.
    const again = await createPaperBatch(db.pool, { schoolId: refused.schoolId, classExternalId: '5A', now: new Date('2026-11-21T12:00:00Z') });
    expect(again.coversFrom.toISOString()).toBe(batch.coversFrom.toISOString());
    await db.prisma.paperBatch.update({ where: { schoolId_id: { schoolId: refused.schoolId, id: again.batchId } }, data: { handedOutAt: new Date('2026-11-22T08:00:00Z') } });
    const third = await createPaperBatch(db.pool, { schoolId: refused.schoolId, classExternalId: '5A', now: new Date('2026-11-27T12:00:00Z') });
    expect(third.coversFrom.toISOString()).toBe('2026-11-21T12:00:00.000Z');
    // Its final marks are those published since the handed-out batch; the marks are still the period's.
    expect(third.statements[1]?.finals).toEqual([]);
    expect(third.statements[1]?.subjects[0]?.marks).toEqual(['5', '4', '4', '3']);
    // The cadence job leaves a class alone until its last batch is paperCadenceDays old.
    expect(await createDuePaperBatches(db.pool, new Date('2026-11-28T12:00:00Z'))).toBe(0);
    expect(await createDuePaperBatches(db.pool, new Date('2026-12-12T12:00:00Z'))).toBe(1);
  });

  test('vestnik paper writes the PDF and vestnik digest run --now --json queues digests', async () => {
    const f = await createFamily(db.prisma, { telegramChat: null, n: 601 });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'paper-cli-'));
    const out = path.join(dir, 'class.pdf');
    const { io, out: lines } = captureIo(db);
    expect(await runCli(['paper', '--school', f.schoolId, '--class', '5A', '--out', out], io)).toBe(0);
    expect((await readFile(out)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(lines.join('\n')).toContain('statements — 1,');

    const other = await createFamily(db.prisma, { n: 602 });
    const digest = captureIo(db);
    expect(await runCli(['digest', 'run', '--school', other.schoolId, '--now', '--json'], digest.io)).toBe(0);
    expect(JSON.parse(digest.out.join('\n'))).toMatchObject({ schools: 1, guardians: 1, digests: 1, messages: 1 });
  });
});
