// Routes a turn to the first feature that claims it, in the order features were added;
// a handler may pass the turn on with next(), as grammY's composers do.
import type { Inbound, Turn } from './types.js';

export type Next = () => Promise<void>;
export type Handler = (turn: Turn, match: readonly (string | undefined)[], next: Next) => Promise<unknown> | unknown;

interface Route {
  kind: Inbound['kind'];
  test: (input: Inbound) => readonly (string | undefined)[] | undefined;
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** `/name args` typed, or the MAX/Telegram start with a payload (command 'start'). */
  command(names: string | readonly string[], handler: Handler): this {
    const set = new Set(typeof names === 'string' ? [names] : names);
    this.routes.push({ kind: 'command', test: (i) => (i.kind === 'command' && set.has(i.command) ? [i.command, i.args] : undefined), handler });
    return this;
  }

  /** A button whose payload is exactly `pattern`, or matches it (groups come as match[1…]). */
  button(pattern: string | RegExp, handler: Handler): this {
    const test = (i: Inbound) => {
      if (i.kind !== 'button') return undefined;
      if (typeof pattern === 'string') return i.payload === pattern ? [i.payload] : undefined;
      const m = pattern.exec(i.payload);
      return m ? [...m] : undefined;
    };
    this.routes.push({ kind: 'button', test, handler });
    return this;
  }

  /** Free text (not a command). */
  text(handler: Handler): this {
    this.routes.push({ kind: 'text', test: (i) => (i.kind === 'text' ? [i.text] : undefined), handler });
    return this;
  }

  /** Anything of a kind: the fallbacks. */
  any(kind: Inbound['kind'], handler: Handler): this {
    this.routes.push({ kind, test: (i) => (i.kind === kind ? [] : undefined), handler });
    return this;
  }

  async route(turn: Turn, from = 0): Promise<void> {
    for (let i = from; i < this.routes.length; i++) {
      const route = this.routes[i]!;
      if (route.kind !== turn.input.kind) continue;
      const match = route.test(turn.input);
      if (!match) continue;
      await route.handler(turn, match, () => this.route(turn, i + 1));
      return;
    }
  }
}
