export { checkSubscription, MAX_ENDPOINT_LENGTH, type SubscriptionInput } from './check-subscription.js';
export { labelUserAgent } from './label-user-agent.js';
export { listPushSubscriptions, type PushSubscriptionSummary } from './list-push-subscriptions.js';
export { removePushSubscription } from './remove-push-subscription.js';
export { savePushSubscription } from './save-push-subscription.js';
