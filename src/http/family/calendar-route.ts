// GET /calendar/<token>.ics: the family's calendar feed, for calendar apps that poll it.
// The token is the only key, so a wrong, reset or withdrawn one is a plain 404.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';

export function calendarRoutes(app: FastifyInstance, ctx: AppContext, now: () => Date = () => new Date()): void {
  app.get('/calendar/:file', async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    // Loaded at the first feed asked for: the views' modules cost an idle service ~25 MB.
    const { buildCalendarFeed } = await import('../../modules/calendar-feed/build-calendar-feed.js');
    const feed = token.length <= 100 ? await buildCalendarFeed(ctx.db.prisma, ctx.secret, token, now()) : null;
    if (!feed) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
    return reply.header('Cache-Control', 'private, max-age=3600').type('text/calendar; charset=utf-8').send(feed);
  });
}
