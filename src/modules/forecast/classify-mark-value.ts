/**
 * What a journal value means for the forecast: a numeric mark 1..5, a pass or
 * fail, or nothing (absence «н», or a value the forecast does not know).
 * Encoded as a small number so the hot loop compares integers, not strings.
 */
export const PASS_VALUE = 6;
export const FAIL_VALUE = 7;
export const NOT_A_MARK = 0;

export function classifyMarkValue(value: string): number {
  switch (value) {
    case '5':
      return 5;
    case '4':
      return 4;
    case '3':
      return 3;
    case '2':
      return 2;
    case '1':
      return 1;
    case 'зач':
      return PASS_VALUE;
    case 'незач':
      return FAIL_VALUE;
    case 'н':
      return NOT_A_MARK;
    default:
      return classifyLoose(value);
  }
}

// Rare path: journals and CSV imports sometimes add spaces or capitals ("Зач", " 5").
function classifyLoose(value: string): number {
  const clean = value.trim().toLowerCase();
  if (clean === value) return NOT_A_MARK;
  return clean === '' ? NOT_A_MARK : classifyMarkValue(clean);
}
