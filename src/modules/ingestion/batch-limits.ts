// Limits of one batch, documented in docs/api.md and docs/import.md. A batch of a
// million rows is refused by counting, before any row is looked at; errors are reported
// up to a number a person can act on, with the totals.

/** Rows per API batch, over all arrays of the body (e-journals send 5,000 marks by default). */
export const MAX_BATCH_ROWS = 10_000;

/** Errors listed in one answer; the totals say how many there were. */
export const MAX_REPORTED_ERRORS = 100;

/** Rows validated between two turns of the event loop, so HTTP, bot and jobs keep running
 * (a row full of errors costs up to ~0.1 ms: a turn stays within tens of milliseconds). */
export const ROWS_PER_TURN = 250;
