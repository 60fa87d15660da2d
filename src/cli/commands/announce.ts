// `vestnik announce`: an announcement from the command line, for a school's own scripts or an
// e-journal that relays its messages; the same checks and delivery as the staff pages.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import type { AppContext } from '../../app/app-context.js';
import { pickLang, type Translate } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import { zonedTimeToUtc } from '../../lib/zoned-time.js';
import type { ChannelType } from '../../modules/notifications/types.js';
import { formatInstant } from '../../modules/reports/format.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

interface Options {
  school: string;
  class?: string[];
  textFile: string;
  ack?: boolean;
  urgent?: boolean;
  at?: string;
  attach?: string;
  json?: boolean;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** ISO 8601 with an offset, or a wall-clock time ("2026-10-16 09:00") in the school's zone; undefined when neither. */
export function parseSendAt(value: string, timeZone: string): Date | undefined {
  const text = value.trim();
  const local = LOCAL_TIME.exec(text);
  if (local) {
    const [y, mo, d, h, mi] = local.slice(1, 6).map(Number) as [number, number, number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
    const at = zonedTimeToUtc(y, mo, d, h, mi, timeZone);
    // 31 February rolls over into March: refuse a day the month does not have.
    return new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d ? at : undefined;
  }
  if (!ZONED_ISO.test(text)) return undefined;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** A refusal the operator reads in their language, exit code 1. */
class Refusal extends AppError {
  constructor(text: string) {
    super('INVALID_INPUT', text);
  }
}

async function readText(file: string, t: Translate): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new Refusal(t('announcements:cli.unreadableFile', { file }));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new Refusal(t('announcements:cli.notUtf8', { file }));
  }
}

async function readAttachment(file: string, t: Translate) {
  try {
    return { fileName: path.basename(file), mimeType: '', bytes: await readFile(file) };
  } catch {
    throw new Refusal(t('announcements:cli.unreadableFile', { file }));
  }
}

async function announce(ctx: AppContext, opts: Options, t: Translate) {
  const { createAnnouncement, describeAnnouncementError, previewAnnouncement } = await import('../../modules/announcements/index.js');
  const school = isUuid(opts.school) ? await ctx.db.prisma.school.findUnique({ where: { id: opts.school }, select: { id: true, timezone: true } }) : null;
  if (!school) throw new AppError('NOT_FOUND', `no school with id ${opts.school}`);
  const externalIds = [...new Set(opts.class ?? [])];
  const classes = externalIds.length ? await ctx.db.prisma.schoolClass.findMany({ where: { schoolId: school.id, externalId: { in: externalIds } }, select: { id: true, externalId: true } }) : [];
  const unknown = externalIds.find((id) => !classes.some((c) => c.externalId === id));
  if (unknown !== undefined) throw new Refusal(t('announcements:cli.unknownClass', { externalId: unknown }));
  let sendAt: Date | null = null;
  if (opts.at !== undefined) {
    sendAt = parseSendAt(opts.at, school.timezone) ?? null;
    if (!sendAt) throw new Refusal(t('announcements:cli.badAt', { value: opts.at }));
  }
  const input = {
    audience: externalIds.length ? { kind: 'classes' as const, classIds: classes.map((c) => c.id) } : { kind: 'school' as const },
    text: await readText(opts.textFile, t),
    ackRequired: Boolean(opts.ack),
    urgent: Boolean(opts.urgent),
    sendAt,
    attachment: opts.attach ? await readAttachment(opts.attach, t) : null,
  };
  const author = { type: 'cli' as const, schoolId: school.id };
  const now = new Date();
  try {
    const preview = await previewAnnouncement(ctx.db.prisma, author, input, now);
    const created = await createAnnouncement(ctx.db.prisma, author, input, now);
    const counts = created.status === 'scheduled' ? preview : created;
    return {
      timezone: school.timezone,
      result: {
        id: created.id,
        status: created.status,
        sendAt: created.sendAt.toISOString(),
        audience: externalIds.length ? { kind: 'classes', classes: preview.classes.map((c) => c.name) } : { kind: 'school' },
        recipients: counts.recipients,
        students: preview.students,
        byChannel: counts.byChannel,
        quietHoursDeferred: counts.quietHoursDeferred,
      },
    };
  } catch (error) {
    const text = describeAnnouncementError(t, error);
    throw text ? new Refusal(text) : error;
  }
}

export function announceCommand(io: CliIo, help: Translate): Command {
  return new Command('announce')
    .description(help('cli:help.announce.description'))
    .requiredOption('--school <id>', help('announcements:cli.optSchool'))
    // No default value: commander would print it ("default: []") in the help.
    .option('--class <classExternalId>', help('announcements:cli.optClass'), (value: string, list: string[] = []) => [...list, value])
    .requiredOption('--text-file <file>', help('announcements:cli.optTextFile'))
    .option('--ack', help('announcements:cli.optAck'))
    .option('--urgent', help('announcements:cli.optUrgent'))
    .option('--at <time>', help('announcements:cli.optAt'))
    .option('--attach <file>', help('announcements:cli.optAttach'))
    .option('--json', help('announcements:cli.optJson'))
    .action(async (opts: Options) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const lang = pickLang(config.uiLang);
      const { result, timezone } = await withContext(io, (ctx) => announce(ctx, opts, t));
      printResult(io, opts.json, result, () => {
        const audience = result.audience.kind === 'school' ? t('announcements:cli.wholeSchool') : t('announcements:cli.classes', { classes: (result.audience.classes ?? []).join(', ') });
        const lines =
          result.status === 'scheduled'
            ? [t('announcements:cli.scheduled', { id: result.id, at: formatInstant(result.sendAt, timezone, lang), audience })]
            : [t('announcements:cli.sent', { id: result.id, audience, recipients: result.recipients })];
        if (result.recipients === 0) lines.push(t('announcements:cli.noRecipients'));
        else {
          lines.push(t('announcements:cli.byChannel'));
          for (const [channel, count] of Object.entries(result.byChannel) as Array<[ChannelType, number]>) {
            if (count > 0) lines.push(t('announcements:cli.channelLine', { channel: t(`announcements:channel.${channel}`), count }));
          }
        }
        if (result.quietHoursDeferred > 0) lines.push(t('announcements:cli.deferred', { count: result.quietHoursDeferred }));
        return lines.join('\n');
      });
    });
}
