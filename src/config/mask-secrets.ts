// What `vestnik config check` and configuration errors may show of a secret: enough to
// recognise which one is set, never enough to use it.
const SECRETS = new Set(['VESTNIK_SECRET', 'TELEGRAM_WEBHOOK_SECRET', 'MAX_BOT_TOKEN', 'MAX_WEBHOOK_SECRET', 'METRICS_TOKEN', 'VAPID_PRIVATE_KEY']);
const URLS_WITH_CREDENTIALS = new Set(['DATABASE_URL', 'DATABASE_REPLICA_URL', 'SMTP_URL']);
const HIDDEN = '***';

export function maskValue(variable: string, value: string): string {
  if (SECRETS.has(variable)) return HIDDEN;
  // A bot token is "<bot id>:<secret>"; the bot id is public (it is in every chat with the bot).
  if (variable === 'TELEGRAM_BOT_TOKEN') return value.includes(':') ? `${value.slice(0, value.indexOf(':'))}:${HIDDEN}` : HIDDEN;
  if (URLS_WITH_CREDENTIALS.has(variable)) {
    if (!URL.canParse(value)) return HIDDEN;
    const url = new URL(value);
    if (url.password) url.password = HIDDEN;
    // Some drivers also take the password as a query parameter.
    if (url.searchParams.has('password')) url.searchParams.set('password', HIDDEN);
    return url.toString();
  }
  return value;
}
