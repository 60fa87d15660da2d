// A send rate shared by every worker process through PostgreSQL: each send books the next
// free slot of a named row in send_rates (one UPDATE, on the database's clock, so clocks of
// different machines do not matter) and waits for it. Slots are evenly spaced, so no
// window of the receiving side ever sees a burst.
import type pg from 'pg';

export interface SharedRate {
  /** Waits for this process's next slot; resolves early (false) when `signal` aborts. */
  take(signal?: AbortSignal): Promise<boolean>;
}

export function createSharedRate(pool: pg.Pool, name: string, perSecond: number): SharedRate {
  const intervalMs = 1000 / perSecond;
  return {
    async take(signal) {
      // Measured from when the query left, so a slow answer does not push two slots together.
      const asked = Date.now();
      const { rows } = await pool.query<{ wait: number }>(
        `INSERT INTO send_rates (name, "nextAt") VALUES ($1, clock_timestamp() + make_interval(secs => $2::float8 / 1000))
         ON CONFLICT (name) DO UPDATE
           SET "nextAt" = GREATEST(send_rates."nextAt", clock_timestamp()) + make_interval(secs => $2::float8 / 1000)
         RETURNING (EXTRACT(EPOCH FROM ("nextAt" - clock_timestamp())) * 1000 - $2::float8)::float8 AS wait`,
        [name, intervalMs],
      );
      const wait = asked + (rows[0]?.wait ?? 0) - Date.now();
      if (wait <= 0) return true;
      return new Promise<boolean>((resolve) => {
        const done = (ok: boolean) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', aborted);
          resolve(ok);
        };
        const aborted = () => done(false);
        const timer = setTimeout(() => done(true), wait);
        if (signal?.aborted) done(false);
        else signal?.addEventListener('abort', aborted, { once: true });
      });
    },
  };
}
