/* global document, navigator, window, Notification, atob */
// Turns web push on and off from the family's page. The page holds the controls and
// their texts: an element with data-push, buttons with data-push-enable and
// data-push-disable, and one element per state (data-push-state="on|off|denied|
// unsupported|failed"), of which only the current one is shown.
(() => {
  const root = document.querySelector('[data-push]');
  if (!root) return;
  const show = (state) => {
    for (const element of root.querySelectorAll('[data-push-state]')) element.hidden = element.dataset.pushState !== state;
    for (const button of root.querySelectorAll('[data-push-enable]')) button.hidden = state !== 'off' && state !== 'failed';
    for (const button of root.querySelectorAll('[data-push-disable]')) button.hidden = state !== 'on';
  };
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return show('unsupported');
  const post = async (path, body) => {
    const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
  };
  const keyBytes = (base64url) => {
    const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  };
  navigator.serviceWorker.register('/me/sw.js', { scope: '/me' }).then(
    async (registration) => {
      const current = await registration.pushManager.getSubscription();
      show(Notification.permission === 'denied' ? 'denied' : current ? 'on' : 'off');
      for (const button of root.querySelectorAll('[data-push-enable]')) {
        button.addEventListener('click', async () => {
          try {
            if ((await Notification.requestPermission()) !== 'granted') return show('denied');
            const { publicKey } = await (await fetch('/me/push/key', { credentials: 'same-origin' })).json();
            const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
            await post('/me/push/subscribe', subscription.toJSON());
            show('on');
          } catch {
            show('failed');
          }
        });
      }
      for (const button of root.querySelectorAll('[data-push-disable]')) {
        button.addEventListener('click', async () => {
          try {
            const subscription = await registration.pushManager.getSubscription();
            if (subscription) {
              await post('/me/push/unsubscribe', { endpoint: subscription.endpoint });
              await subscription.unsubscribe();
            }
            show('off');
          } catch {
            show('failed');
          }
        });
      }
    },
    () => show('unsupported'),
  );
})();
