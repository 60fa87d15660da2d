// Email HTML escapes quotes too: a link or a text with " or ' cannot break out of an
// attribute (href) and add its own markup to a message sent to parents.
import { escapeHtml } from '../../src/lib/escape-html.js';
import { renderEmail } from '../../src/modules/delivery/render/render-email.js';

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

test('a quote inside an acknowledge or unsubscribe link stays inside its href', () => {
  const ack = 'https://school.example/n/ack/abc?x="onmouseover="alert(1)';
  const unsubscribe = "https://school.example/n/unsub/def?y='><script>alert(2)</script>";
  const email = renderEmail({ subject: 'Итоги', title: 'Итоговые отметки', sections: [{ heading: 'Алгебра', lines: ['5 — "отлично"'] }] }, 'ru', { ack, unsubscribe });

  const hrefs = [...email.html.matchAll(/<a\s+href="([^"]*)"/g)].map((m) => decode(m[1]!));
  expect(hrefs).toEqual([ack, unsubscribe]);
  expect(email.html).not.toContain('"onmouseover');
  expect(email.html).not.toContain('<script>');
  expect(email.html).toMatch(/<li[^>]*>5 — &quot;отлично&quot;<\/li>/);
  // The plain-text part shows the links as they are.
  expect(email.text).toContain(ack);
});

test('the one escaper covers & < > " and \' (numerical &#39; is also valid Telegram HTML)', () => {
  expect(escapeHtml(`Иванов <Пётр> & "Co" 'ltd'`)).toBe('Иванов &lt;Пётр&gt; &amp; &quot;Co&quot; &#39;ltd&#39;');
});
