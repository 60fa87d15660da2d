import type { AppContext } from '../app/app-context.js';
import { pickLang, translator } from '../i18n/index.js';
import { createMailer } from '../mail/create-mailer.js';
import type { WithdrawnConsent } from '../modules/consent/withdraw-consent.js';

/**
 * Tells a guardian their consent is withdrawn, on the addresses the withdrawal just erased.
 * Sent directly rather than through the outbox: an outbox row would have to keep the very
 * address the law says to destroy. Best effort — the withdrawal itself already happened.
 */
export async function notifyWithdrawal(ctx: AppContext, withdrawn: WithdrawnConsent): Promise<{ told: number }> {
  const t = translator(pickLang(withdrawn.formerAddresses.locale));
  const text = t('consent:withdrawn.notice');
  let told = 0;
  const { token, apiRoot } = ctx.config.telegram;
  if (token && withdrawn.formerAddresses.telegram.length > 0) {
    // grammY only when there are chats to tell.
    const { Api } = await import('grammy');
    const api = new Api(token, apiRoot ? { apiRoot } : undefined);
    for (const chatId of withdrawn.formerAddresses.telegram) {
      try {
        await api.sendMessage(chatId, text);
        told += 1;
      } catch (error) {
        ctx.logger.warn({ err: error }, 'could not tell a chat that its consent was withdrawn');
      }
    }
  }
  if (withdrawn.formerAddresses.email.length > 0) {
    const mailer = createMailer(ctx.config);
    try {
      for (const to of withdrawn.formerAddresses.email) {
        try {
          await mailer.send({ to, subject: t('consent:withdrawn.subject'), text });
          told += 1;
        } catch (error) {
          ctx.logger.warn({ err: error }, 'could not email a guardian that their consent was withdrawn');
        }
      }
    } finally {
      mailer.close();
    }
  }
  return { told };
}
