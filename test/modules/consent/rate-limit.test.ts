import { chatKey } from '../../../src/modules/consent/chat-key.js';
import { checkRedeemRateLimit } from '../../../src/modules/consent/check-redeem-rate-limit.js';
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { previewCode } from '../../../src/modules/consent/preview-code.js';
import { ALARM_FAILURES, recordCodeAttempt } from '../../../src/modules/consent/record-code-attempt.js';
import { redeemCode } from '../../../src/modules/consent/redeem-code.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { TEST_SECRET } from '../../support/context.js';
import { seedRoster, type Roster } from './seed-roster.js';

let db: TestDatabase;
let roster: Roster;
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  roster = await seedRoster(db.prisma);
});
afterAll(async () => db.drop());

describe('redemption attempt limits', () => {
  it('allows five failures per hour per chat, then says when to retry — even for a right code', async () => {
    const deps = { prisma: db.prisma, secret: TEST_SECRET, logger };
    const start = new Date('2025-09-01T10:00:00Z');
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    for (let i = 0; i < 5; i += 1) {
      expect(await previewCode(deps, { chatId: '42', text: `0000-0000-0000-0${i}`, now: at(i) })).toEqual({ kind: 'invalid', attemptsLeft: 4 - i });
    }
    const good = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', active: true, now: start })).codes[0]!;
    expect(await previewCode(deps, { chatId: '42', text: good.code, now: at(10) })).toMatchObject({ kind: 'rate-limited', retryInMinutes: 50 });
    // The confirm button cannot be used to get around the limit.
    expect(await redeemCode(deps, { chatId: '42', text: good.code, now: at(10) })).toMatchObject({ kind: 'rate-limited', retryInMinutes: 50 });
    expect(await previewCode(deps, { chatId: '42', text: good.code, now: at(59) })).toMatchObject({ kind: 'rate-limited', retryInMinutes: 1 });
    // Another chat is not affected; an hour after the first failure one attempt frees up.
    expect((await previewCode(deps, { chatId: '43', text: good.code, now: at(10) })).kind).toBe('ready');
    expect((await redeemCode(deps, { chatId: '42', text: good.code, now: at(61) })).kind).toBe('redeemed');
  });

  it('counts only failures, so redeeming several children is never blocked', async () => {
    const key = chatKey(TEST_SECRET, '77');
    const now = new Date('2025-09-02T10:00:00Z');
    for (let i = 0; i < 8; i += 1) await recordCodeAttempt(db.prisma, logger, { chatId: key, succeeded: true, now });
    expect(await checkRedeemRateLimit(db.prisma, key, now)).toEqual({ allowed: true, remaining: 5 });
  });

  it('raises one alarm when failures pile up across many chats', async () => {
    const lines: string[] = [];
    const spy = createLogger('silent');
    // A real logger whose error lines are captured instead of printed.
    spy.error = ((obj: unknown, msg?: string) => {
      lines.push(JSON.stringify(obj) + (msg ?? ''));
    }) as typeof spy.error;
    const now = new Date('2025-09-03T10:00:00Z');
    const alarms = [];
    for (let i = 0; i < ALARM_FAILURES + 5; i += 1) {
      alarms.push((await recordCodeAttempt(db.prisma, spy, { chatId: `guess-${i}`, succeeded: false, now })).alarm);
    }
    expect(alarms.filter(Boolean)).toHaveLength(1);
    expect(alarms.indexOf(true)).toBe(ALARM_FAILURES - 1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('consent_code_guessing');
    expect(await db.prisma.auditLog.findFirst({ where: { action: 'consent.code.alarm' } })).toMatchObject({ actorType: 'system', details: { failures: ALARM_FAILURES, chats: ALARM_FAILURES } });
  });
});
