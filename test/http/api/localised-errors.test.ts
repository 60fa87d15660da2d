// A refused batch keeps its machine-readable parts (error, each row's code and English
// reason) and tells a person what is wrong in the language of Accept-Language.
import { requestLanguage } from '../../../src/i18n/request-language.js';
import { VALID_MARK, useApi } from './api-fixture.js';

const f = useApi();

const bad = { marks: [{ ...VALID_MARK, value: '7' }, { ...VALID_MARK, externalId: 'm2', studentExternalId: 'ghost' }] };

function send(body: unknown, acceptLanguage?: string) {
  return f.app.inject({
    method: 'POST',
    url: '/api/v1/marks',
    headers: { authorization: `Bearer ${f.schoolA.key}`, 'content-type': 'application/json', ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
    payload: JSON.stringify(body),
  });
}

it('answers in Russian for Accept-Language: ru, with codes and the English reasons kept', async () => {
  const response = await send(bad, 'ru-RU,ru;q=0.9,en;q=0.8');
  expect(response.statusCode).toBe(422);
  const body = response.json();
  expect(body.error).toBe('INVALID_INPUT');
  expect(body.message).toBe('2 неверные строки (2 ошибки); ничего не записано');
  expect(body.details.rows).toEqual([
    expect.objectContaining({ index: 0, field: 'value', code: 'oneOf', reason: 'must be one of 1, 2, 3, 4, 5, н, зач, незач', message: 'допустимые значения: 1, 2, 3, 4, 5, н, зач, незач' }),
    expect.objectContaining({ index: 1, field: 'studentExternalId', code: 'unknownStudent', reason: 'unknown student "ghost"', message: 'в школе нет ученика с id «ghost»' }),
  ]);
  expect(await f.count('marks')).toBe(0);
});

it('keeps English without the header or for English, and translates body problems too', async () => {
  const plain = (await send(bad)).json();
  expect(plain.message).toBe('2 rows are invalid (2 errors); nothing was written');
  expect(plain.details.rows[0]).toMatchObject({ code: 'oneOf', message: 'must be one of 1, 2, 3, 4, 5, н, зач, незач' });
  expect((await send(bad, 'en-GB')).json().message).toBe('2 invalid rows (2 errors); nothing was written');
  const body = (await send({ mark: [] }, 'ru')).json();
  expect(body.message).toBe('Тело запроса неверно; ничего не записано');
  expect(body.details.rows[0]).toMatchObject({ field: 'marks', code: 'required', message: 'обязательное поле не заполнено' });
});

it('reads Accept-Language by its weights', () => {
  expect(requestLanguage('de, en;q=0.5, ru;q=0.8')).toBe('ru');
  expect(requestLanguage('ru;q=0, en')).toBe('en');
  expect(requestLanguage('fr')).toBeUndefined();
  expect(requestLanguage(undefined)).toBeUndefined();
});

it('tells a missing or wrong key and an oversized batch in Russian too', async () => {
  const noKey = await f.app.inject({ method: 'POST', url: '/api/v1/marks', headers: { 'accept-language': 'ru' }, payload: { marks: [] } });
  expect(noKey.statusCode).toBe(401);
  expect(noKey.json()).toMatchObject({ error: 'UNAUTHORIZED', message: 'Передайте API-ключ школы в заголовке «Authorization: Bearer <ключ>»' });
  const wrongKey = await f.app.inject({ method: 'POST', url: '/api/v1/marks', headers: { authorization: 'Bearer vsk_nope', 'accept-language': 'ru' }, payload: { marks: [] } });
  expect(wrongKey.json().message).toBe('API-ключ недействителен');
  const english = await f.app.inject({ method: 'POST', url: '/api/v1/marks', headers: { authorization: 'Bearer vsk_nope' }, payload: { marks: [] } });
  expect(english.json().message).toBe('the API key is not valid');
  const big = await send({ marks: Array.from({ length: 10_001 }, (_v, i) => ({ ...VALID_MARK, externalId: `b-${i}` })) }, 'ru');
  expect(big.statusCode).toBe(413);
  expect(big.json().message).toBe('В пакете может быть не больше 10000 строк, а в этом — 10001: отправьте его частями');
});

it('tells ill-formed text in the language asked for, keeping the English reason and a code', async () => {
  const body = { marks: [{ ...VALID_MARK, comment: 'a\u0000b' }] };
  const ru = (await send(body, 'ru')).json();
  expect(ru).toMatchObject({ error: 'INVALID_INPUT', message: 'В поле «marks.0.comment» есть недопустимые символы: нулевой символ (U+0000); ничего не записано' });
  expect(ru.details).toEqual({ field: 'marks.0.comment', reason: 'must not contain NUL characters (U+0000)', code: 'nul' });
  expect((await send(body)).json().message).toBe('marks.0.comment must not contain NUL characters (U+0000); nothing was written');
});
