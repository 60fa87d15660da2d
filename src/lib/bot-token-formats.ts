// What a Telegram or MAX bot token looks like: one rule for the environment's default bots
// and for the bots schools register.
export const BOT_TOKEN_FORMATS = {
  telegram: /^\d+:[\w-]{10,}$/,
  max: /^[\w.~+/=-]{16,}$/,
} as const;
