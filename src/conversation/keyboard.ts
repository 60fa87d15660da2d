// Rows of buttons, built the way a screen reads: a few per row, a new row when asked.
import type { Button } from './markup.js';

export class Keyboard {
  private readonly built: Button[][] = [[]];

  /** A button that sends `payload` back when pressed. */
  text(label: string, payload: string): this {
    this.built.at(-1)!.push({ label, payload });
    return this;
  }

  /** A button that opens a link. */
  url(label: string, url: string): this {
    this.built.at(-1)!.push({ label, url });
    return this;
  }

  row(): this {
    if (this.built.at(-1)!.length > 0) this.built.push([]);
    return this;
  }

  rows(): Button[][] {
    return this.built.filter((row) => row.length > 0);
  }
}
