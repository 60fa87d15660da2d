// Readiness of the MAX channel: the Bot API answers GET /me for our token.
import { createMaxApi } from './max-api.js';

export async function probeMax(token: string, apiRoot: string | undefined, timeoutMs: number): Promise<void> {
  await createMaxApi(token, apiRoot, timeoutMs).getMyInfo();
}
