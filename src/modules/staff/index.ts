export { addStaffUser, hashInviteToken, type AddedStaffUser, type AddStaffUserInput } from './add-staff-user.js';
export { findInvite, setPasswordFromInvite } from './set-password-from-invite.js';
export { verifyLogin } from './verify-login.js';
export { createSession, lookupSession, endSession, expireSessions, SESSION_LIFETIME_HOURS } from './sessions.js';
export { LOGIN_FREE_FAILURES, checkLoginThrottle, pairDelaySeconds } from './login-rate-limit.js';
export { assertAdmin, authorizeClass, visibleClasses, assertSameSchool, isUuid } from './authorize.js';
export type { StaffPrincipal } from './staff-principal.js';
