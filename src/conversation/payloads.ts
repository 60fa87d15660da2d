// Button payloads that leave the conversation: a sender puts them under a pushed message,
// the conversation reads them back when the parent presses the button.

/** The Acknowledge button under a pushed message: `ackmsg:<outbox id>` (R10). */
export const ACK_PAYLOAD_PREFIX = 'ackmsg:';
