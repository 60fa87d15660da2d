/* global self, atob */
// The family page's service worker: shows Vestnik's pushes and opens the page on a click.
// The server sends { title, body, url, tag }; `tag` makes a repeated push replace its
// notification instead of showing a second one.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  const read = () => {
    try {
      return event.data ? event.data.json() : {};
    } catch {
      return { body: event.data ? event.data.text() : '' };
    }
  };
  const data = read();
  const title = typeof data.title === 'string' && data.title ? data.title : new URL(self.registration.scope).host;
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === 'string' ? data.body : '',
      tag: typeof data.tag === 'string' ? data.tag : undefined,
      icon: '/me/icons/icon-192.png',
      badge: '/me/icons/badge-96.png',
      data: { url: typeof data.url === 'string' ? data.url : '/me' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  // Only this site's page: whatever a payload says, a click never leads elsewhere.
  const asked = new URL((event.notification.data && event.notification.data.url) || '/me', self.location.origin);
  const url = asked.origin === self.location.origin && asked.pathname.startsWith('/me') ? asked.href : new URL('/me', self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).pathname.startsWith('/me'));
      if (open) {
        await open.focus();
        if (open.url !== url && 'navigate' in open) await open.navigate(url);
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});

// The browser renewed the subscription by itself: tell the server, or pushes would stop.
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(
    (async () => {
      const { publicKey } = await (await fetch('/me/push/key', { credentials: 'same-origin' })).json();
      const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const subscription = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
      await fetch('/me/push/subscribe', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(subscription.toJSON()),
      });
    })(),
  );
});
