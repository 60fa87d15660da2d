-- Citus-ready view events, acknowledgments and push subscriptions: each carries its guardian's
-- school, backfilled, in its primary key, its unique index and its foreign keys; outbox
-- messages gain a unique (schoolId, id) for the acknowledgments' key to them.
-- SET NULL ("…Id") clears only the parent's id: a plain SET NULL would clear schoolId too.

-- DropForeignKey
ALTER TABLE "acknowledgments" DROP CONSTRAINT "acknowledgments_guardianId_fkey";

-- DropForeignKey
ALTER TABLE "acknowledgments" DROP CONSTRAINT "acknowledgments_outboxMessageId_fkey";

-- DropForeignKey
ALTER TABLE "push_subscriptions" DROP CONSTRAINT "push_subscriptions_guardianId_fkey";

-- DropForeignKey
ALTER TABLE "view_events" DROP CONSTRAINT "view_events_guardianId_fkey";

-- DropForeignKey
ALTER TABLE "view_events" DROP CONSTRAINT "view_events_studentId_fkey";

-- DropIndex
DROP INDEX "acknowledgments_guardianId_subject_reference_key";

-- DropIndex
DROP INDEX "push_subscriptions_guardianId_endpoint_key";

-- Backfill from the guardian, then require it.
ALTER TABLE "acknowledgments" ADD COLUMN "schoolId" UUID;
UPDATE "acknowledgments" x SET "schoolId" = g."schoolId" FROM "guardians" g WHERE g.id = x."guardianId";
ALTER TABLE "acknowledgments" ALTER COLUMN "schoolId" SET NOT NULL;

-- AlterTable
ALTER TABLE "acknowledgments" DROP CONSTRAINT "acknowledgments_pkey",
ADD CONSTRAINT "acknowledgments_pkey" PRIMARY KEY ("schoolId", "id");

-- Backfill from the guardian, then require it.
ALTER TABLE "push_subscriptions" ADD COLUMN "schoolId" UUID;
UPDATE "push_subscriptions" x SET "schoolId" = g."schoolId" FROM "guardians" g WHERE g.id = x."guardianId";
ALTER TABLE "push_subscriptions" ALTER COLUMN "schoolId" SET NOT NULL;

-- AlterTable
ALTER TABLE "push_subscriptions" DROP CONSTRAINT "push_subscriptions_pkey",
ADD CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("schoolId", "id");

-- Backfill from the guardian, then require it.
ALTER TABLE "view_events" ADD COLUMN "schoolId" UUID;
UPDATE "view_events" x SET "schoolId" = g."schoolId" FROM "guardians" g WHERE g.id = x."guardianId";
ALTER TABLE "view_events" ALTER COLUMN "schoolId" SET NOT NULL;

-- AlterTable
ALTER TABLE "view_events" DROP CONSTRAINT "view_events_pkey",
ADD CONSTRAINT "view_events_pkey" PRIMARY KEY ("schoolId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "acknowledgments_schoolId_guardianId_subject_reference_key" ON "acknowledgments"("schoolId", "guardianId", "subject", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_schoolId_id_key" ON "outbox_messages"("schoolId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "push_subscriptions_schoolId_guardianId_endpoint_key" ON "push_subscriptions"("schoolId", "guardianId", "endpoint");

-- AddForeignKey
ALTER TABLE "acknowledgments" ADD CONSTRAINT "acknowledgments_schoolId_guardianId_fkey" FOREIGN KEY ("schoolId", "guardianId") REFERENCES "guardians"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "acknowledgments" ADD CONSTRAINT "acknowledgments_schoolId_outboxMessageId_fkey" FOREIGN KEY ("schoolId", "outboxMessageId") REFERENCES "outbox_messages"("schoolId", "id") ON DELETE SET NULL ("outboxMessageId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "view_events" ADD CONSTRAINT "view_events_schoolId_guardianId_fkey" FOREIGN KEY ("schoolId", "guardianId") REFERENCES "guardians"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "view_events" ADD CONSTRAINT "view_events_schoolId_studentId_fkey" FOREIGN KEY ("schoolId", "studentId") REFERENCES "students"("schoolId", "id") ON DELETE SET NULL ("studentId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_schoolId_guardianId_fkey" FOREIGN KEY ("schoolId", "guardianId") REFERENCES "guardians"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
