// A parent's own settings (digest, instant alerts, quiet hours, language, channels).
export { getParentSettings } from './get-parent-settings.js';
export { updateParentSettings } from './update-parent-settings.js';
export * from './types.js';
export { parseQuietWindow } from './parse-quiet-window.js';
