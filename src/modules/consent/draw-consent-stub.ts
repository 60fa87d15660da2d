// The tear-off stub of a consent form: it stays with the family, with the code and one QR
// code and link per chat messenger the school offers, then the way by email.
import type { Translate } from '../../i18n/index.js';
import type { ChatChannel } from '../notifications/choose-channels.js';

export interface ChatLink {
  channel: ChatChannel;
  /** The bot's username, without "@". */
  botUsername: string;
}

export interface StubInput {
  code: string;
  studentName: string;
  className: string;
  expires: string;
  chats: readonly ChatLink[];
}

/** Room the stub needs at the foot of the page, in points. */
export const STUB_HEIGHT = 200;
const QR_SIZE = 80;
const GAP = 16;

/** The link a phone opens from the QR code: the bot, started with the code. */
export function deepLink(channel: ChatChannel, botUsername: string, code: string): string {
  const bot = botUsername.replace(/^@/, '');
  const start = encodeURIComponent(code);
  // MAX documents https://max.ru/<bot>?start=<payload> (dev.max.ru/help/deeplinks).
  return channel === 'max' ? `https://max.ru/${bot}?start=${start}` : `https://t.me/${bot}?start=${start}`;
}

export async function drawConsentStub(doc: PDFKit.PDFDocument, t: Translate, input: StubInput, area: { left: number; width: number; top: number }): Promise<void> {
  const { default: QRCode } = await import('qrcode');
  const { left, width, top } = area;
  const right = left + width;
  doc.moveTo(left, top).lineTo(right, top).dash(4, { space: 3 }).lineWidth(0.6).strokeColor('#777777').stroke().undash();
  doc.font('regular').fontSize(7.5).fillColor('#777777').text(`✂  ${t('consent:form.keepPart')}`, left, top + 3, { width, align: 'center' });

  const yHead = top + 18;
  doc.font('regular').fontSize(9).fillColor('#444444').text(`${t('consent:form.codeLabel')} — ${input.studentName}, ${input.className}`, left, yHead, { width });
  doc.font('bold').fontSize(20).fillColor('black').text(input.code, left, doc.y + 1, { width, characterSpacing: 1.5 });
  doc.font('regular').fontSize(8).fillColor('#444444').text(`${t('consent:form.codeExpires', { date: input.expires })} ${t('consent:form.codeWorksAfter')}`, left, doc.y + 1, { width });

  // One block per messenger, side by side: QR code, its name and how to use it, the link below.
  const yBlocks = top + 76;
  const count = Math.max(input.chats.length, 1);
  const blockWidth = (width - GAP * (count - 1)) / count;
  for (const [i, chat] of input.chats.entries()) {
    const x = left + i * (blockWidth + GAP);
    const link = deepLink(chat.channel, chat.botUsername, input.code);
    const qr = await QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 320 });
    doc.image(qr, x, yBlocks, { width: QR_SIZE, height: QR_SIZE });
    doc.link(x, yBlocks, QR_SIZE, QR_SIZE, link);
    const textX = x + QR_SIZE + 10;
    const textWidth = blockWidth - QR_SIZE - 10;
    const messenger = t(`consent:form.messenger.${chat.channel}`);
    doc.font('bold').fontSize(10).fillColor('black').text(messenger, textX, yBlocks, { width: textWidth });
    doc.font('regular').fontSize(8).fillColor('black').text(t('consent:form.howChat', { messenger, bot: chat.botUsername }), textX, doc.y + 2, { width: textWidth });
    doc.font('regular').fontSize(6).fillColor('#777777').text(link, x, yBlocks + QR_SIZE + 3, { width: blockWidth, lineBreak: false });
  }
  const yEmail = yBlocks + QR_SIZE + 14;
  doc.font('regular').fontSize(8).fillColor('black').text(t('consent:form.howEmail'), left, yEmail, { width });
}
