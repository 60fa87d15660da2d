-- Citus: the school becomes part of the announcements' primary key. The attachments' and
-- reads' foreign keys pointed at the (schoolId, id) unique index this replaces: they are
-- dropped first and point at the new primary key after.
ALTER TABLE "announcement_attachments" DROP CONSTRAINT "announcement_attachments_schoolId_announcementId_fkey";
ALTER TABLE "announcement_reads" DROP CONSTRAINT "announcement_reads_schoolId_announcementId_fkey";

-- DropIndex
DROP INDEX "announcements_schoolId_id_key";

-- AlterTable
ALTER TABLE "announcements" DROP CONSTRAINT "announcements_pkey",
ADD CONSTRAINT "announcements_pkey" PRIMARY KEY ("schoolId", "id");

ALTER TABLE "announcement_attachments" ADD CONSTRAINT "announcement_attachments_schoolId_announcementId_fkey" FOREIGN KEY ("schoolId", "announcementId") REFERENCES "announcements"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_schoolId_announcementId_fkey" FOREIGN KEY ("schoolId", "announcementId") REFERENCES "announcements"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
