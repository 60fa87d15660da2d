import type { Config } from '../config/env.js';
import { AppError } from '../lib/app-error.js';
import { pickLang, translator } from '../i18n/index.js';

/**
 * A busy port as the operator can act on it: which address is taken and how to pick
 * another, instead of Node's bare `listen EADDRINUSE`. Other listen errors pass unchanged.
 */
export function portInUseError(error: unknown, config: Pick<Config, 'host' | 'port' | 'uiLang'>): unknown {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') return error;
  const t = translator(pickLang(config.uiLang));
  const next = config.port > 0 && config.port < 65535 ? config.port + 1 : 3001;
  return new AppError('UNAVAILABLE', t('service:portInUse', { port: config.port, host: config.host, next }), { reason: 'port-in-use', port: config.port, host: config.host });
}
