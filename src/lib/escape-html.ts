// The one HTML escaper, for email, web pages and Telegram alike. Quotes are escaped too,
// so a value is safe inside an attribute (`href="…"`), not only between tags. Telegram's
// HTML parse mode accepts these: the named &lt; &gt; &amp; &quot; and any numerical entity.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
