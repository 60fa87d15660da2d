-- DropForeignKey
ALTER TABLE "domain_events" DROP CONSTRAINT "domain_events_schoolId_fkey";
