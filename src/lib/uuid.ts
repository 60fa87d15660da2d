// The shape of our ids (PostgreSQL uuid). Checked before a query, because PostgreSQL
// answers a malformed uuid with an error rather than "not found".

/** Without anchors, for patterns that embed an id (callback data). */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const UUID = new RegExp(`^${UUID_SOURCE}$`, 'i');

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
