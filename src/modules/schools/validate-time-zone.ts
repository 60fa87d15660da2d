import { AppError } from '../../lib/app-error.js';

export function isValidTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function assertTimeZone(zone: string): string {
  if (!isValidTimeZone(zone)) {
    throw new AppError('INVALID_INPUT', `unknown time zone "${zone}": use an IANA name such as Europe/Moscow or Asia/Vladivostok`, {
      field: 'timezone',
    });
  }
  return zone;
}
