-- Citus-ready: a guardian's notification preferences carry the guardian's school, which is
-- in their primary key and in their foreign key to guardians.

-- The target of the (schoolId, guardianId) foreign keys.
CREATE UNIQUE INDEX "guardians_schoolId_id_key" ON "guardians"("schoolId", "id");

-- DropForeignKey
ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_guardianId_fkey";

-- Backfill from the guardian, then require it.
ALTER TABLE "notification_preferences" ADD COLUMN "schoolId" UUID;
UPDATE "notification_preferences" p SET "schoolId" = g."schoolId" FROM "guardians" g WHERE g.id = p."guardianId";
ALTER TABLE "notification_preferences" ALTER COLUMN "schoolId" SET NOT NULL;

-- AlterTable
ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_pkey",
ADD CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("schoolId", "guardianId");

-- CreateIndex
CREATE INDEX "notification_preferences_guardianId_idx" ON "notification_preferences"("guardianId");

-- AddForeignKey
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_schoolId_guardianId_fkey" FOREIGN KEY ("schoolId", "guardianId") REFERENCES "guardians"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
