// Announcements from the school to families: written by staff (web), the command line or an
// e-journal (API), delivered through the outbox like every other message.
export type {
  AnnouncementActor,
  AnnouncementAttachmentInput,
  AnnouncementAudience,
  AnnouncementAuthor,
  AnnouncementCounts,
  AnnouncementInput,
  AnnouncementPreview,
  AnnouncementStatusShown,
  AnnouncementSummary,
  AnnouncementTracking,
  FamilyDeliveryStatus,
  FamilyTracking,
} from './types.js';
export { MAX_ANNOUNCEMENT_TEXT, MAX_ATTACHMENT_BYTES, REMINDER_INTERVAL_MS, isStaffAuthor } from './types.js';
export { detectAttachmentType, type AttachmentType } from './detect-attachment-type.js';
export { previewAnnouncement } from './preview-announcement.js';
export { createAnnouncement, type CreatedAnnouncement } from './create-announcement.js';
export { listAnnouncements, type AnnouncementPage } from './list-announcements.js';
export { loadAnnouncementTracking } from './load-announcement-tracking.js';
export { remindAnnouncement, type ReminderResult } from './remind-announcement.js';
export { cancelAnnouncement } from './cancel-announcement.js';
export { announcementTrackingCsv, announcementTrackingTable } from './announcement-tracking-csv.js';
export { sendDueAnnouncements } from './send-due-announcements.js';
export { recordAnnouncementRead, type AnnouncementReadInput } from './record-announcement-read.js';
export { attachmentUrl } from './attachment-url.js';
export { openAnnouncementAttachment, loadAttachmentFile, type OpenedAttachment } from './open-attachment.js';
export { authorizeAnnouncement } from './authorize-announcement.js';
export { describeAnnouncementError } from './describe-announcement-error.js';
