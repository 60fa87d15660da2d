// Every bot this deployment runs: the default bots the environment names (when their token
// is set) and every school's own, with their tokens opened. Workers share these out for
// sending, pollers for receiving, and the web role routes webhooks by their ids.
import type pg from 'pg';
import { openToken } from '../../lib/seal-token.js';
import { DEFAULT_BOT_IDS } from './default-bots.js';
import type { BotRef } from './types.js';

export interface DefaultBotTokens {
  telegram: string | undefined;
  max: string | undefined;
}

interface BotRow {
  id: string;
  type: 'telegram' | 'max';
  schoolId: string | null;
  tokenSealed: string | null;
  externalId: string | null;
  username: string | null;
}

export async function listRunnableBots(pool: Pick<pg.Pool, 'query'>, secret: string, defaults: DefaultBotTokens, type?: 'telegram' | 'max'): Promise<BotRef[]> {
  const { rows } = await pool.query<BotRow>(
    `SELECT id, type::text AS type, "schoolId", "tokenSealed", "externalId", username FROM bots
      WHERE type IN ('telegram', 'max') AND ($1::text IS NULL OR type::text = $1) ORDER BY id`,
    [type ?? null],
  );
  const bots: BotRef[] = [];
  for (const row of rows) {
    const isDefault = row.id === DEFAULT_BOT_IDS[row.type];
    const token = isDefault ? defaults[row.type] : row.tokenSealed && openToken(secret, row.tokenSealed);
    if (token) bots.push({ id: row.id, type: row.type, schoolId: row.schoolId, token, externalId: row.externalId, username: row.username });
  }
  return bots;
}
