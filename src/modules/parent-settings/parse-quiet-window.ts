// Quiet hours as a parent types them: "22:30-07:00", "22.30–7.00", "с 22:30 до 7:00",
// "22-7". Both ends are local clock times; a window may cross midnight.
const CLOCK = String.raw`(\d{1,2})(?:[:.](\d{2}))?`;
const WINDOW = new RegExp(String.raw`^\s*(?:с|from)?\s*${CLOCK}\s*(?:-|–|—|до|to)\s*${CLOCK}\s*$`, 'iu');

function clock(hours: string, minutes: string | undefined): string | undefined {
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (h > 23 || m > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The window in "HH:MM" form, or undefined when the text is not one (or starts where it ends). */
export function parseQuietWindow(text: string): { from: string; to: string } | undefined {
  const match = WINDOW.exec(text);
  if (!match) return undefined;
  const from = clock(match[1]!, match[2]);
  const to = clock(match[3]!, match[4]);
  if (!from || !to || from === to) return undefined;
  return { from, to };
}
