// Every row-error code has a text in every language, and the English sentences the
// schemas write are recognised (else a Russian operator would read them in English).
import { loadLocaleResources, LOCALES, translator } from '../../src/i18n/index.js';
import { localiseReason } from '../../src/modules/ingestion/localise-reason.js';
import { REASON_CODES, reasonCode } from '../../src/modules/ingestion/reason-codes.js';
import { markRow, periodRow } from '../../src/modules/ingestion/row-schemas.js';
import { rowParser } from '../../src/modules/ingestion/field-schemas.js';
import { API_ERROR_CODES } from '../../src/http/api/localise-invalid-batch.js';

it('has a text for every code in every language', () => {
  const resources = loadLocaleResources();
  for (const lang of LOCALES) {
    const reasons = (resources[lang].ingestion as { reason: Record<string, string> }).reason;
    const missing = REASON_CODES.filter((code) => !(code in reasons) && !(`${code}_other` in reasons));
    expect([lang, missing]).toEqual([lang, []]);
  }
});

it('recognises what the row schemas say, zod defaults included', () => {
  const issues = [
    ...(rowParser(markRow)({ externalId: '', studentExternalId: 5.5, date: '2025-13-01', value: 9, weight: 0 }) as { issues: Array<{ reason: string }> }).issues,
    ...(rowParser(periodRow)({ externalId: 'q', name: 'x'.repeat(300), kind: 'season', startsOn: '2025-09-01', endsOn: 'soon' }) as { issues: Array<{ reason: string }> }).issues,
  ];
  expect(issues.length).toBeGreaterThan(5);
  expect(issues.filter((issue) => !reasonCode(issue.reason)).map((issue) => issue.reason)).toEqual([]);
});

it('translates with parameters and plural forms', () => {
  const ru = translator('ru');
  expect(localiseReason(ru, 'must be at most 1 characters')).toBe('должно быть не длиннее 1 символа');
  expect(localiseReason(ru, 'must be at most 300 characters')).toBe('должно быть не длиннее 300 символов');
  expect(localiseReason(ru, 'unknown class "5б"')).toBe('в школе нет класса с id «5б»');
  expect(localiseReason(translator('en'), 'must be at most 1 characters')).toBe('must be at most 1 character long');
  expect(localiseReason(ru, 'something no template knows')).toBe('something no template knows');
});

it('has a text for every other API refusal in every language', () => {
  const resources = loadLocaleResources();
  for (const lang of LOCALES) {
    const errors = (resources[lang].ingestion as { api: { errors: Record<string, string> } }).api.errors;
    expect([lang, API_ERROR_CODES.filter((code) => !(code in errors))]).toEqual([lang, []]);
  }
});
