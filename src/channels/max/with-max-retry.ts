// Replies to a parent wait out MAX's 429 and brief 5xx or network trouble, a few times,
// rather than leave the parent without an answer; other errors go to the caller.
import { MaxError } from '@maxhub/max-bot-api';

const DELAYS_MS = [500, 1000, 2000, 4000];

export function isRetryableMaxError(error: unknown): boolean {
  if (error instanceof MaxError) return error.status === 429 || error.status >= 500;
  // fetch failures (refused, reset, timed out) are not MaxErrors.
  return error instanceof TypeError || (error instanceof Error && /fetch|network|ECONN|socket|timed? ?out/i.test(error.message));
}

export async function withMaxRetry<T>(call: () => Promise<T>, delays: readonly number[] = DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= delays.length || !isRetryableMaxError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}
