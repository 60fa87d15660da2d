import { AppError } from '../../lib/app-error.js';

export function normaliseEmail(input: string): string {
  const email = input.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    throw new AppError('INVALID_INPUT', `"${input}" is not an email address`, { field: 'email' });
  }
  return email;
}
