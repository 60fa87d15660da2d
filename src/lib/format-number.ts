// One number format for every view a family sees (bots, digests, email, paper), so an
// average never reads 3,42 in one place and 3.42 in another.
const formats = new Map<string, Intl.NumberFormat>();

/** A number as parents write it: "4,33" in Russian, "4.33" in English; at most `digits` decimals. */
export function formatNumber(lang: string, value: number, digits = 2): string {
  // Building an Intl formatter costs far more than using one: keep one per language and precision.
  const id = `${lang}|${digits}`;
  let f = formats.get(id);
  if (!f) formats.set(id, (f = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0, useGrouping: false })));
  return f.format(value);
}
