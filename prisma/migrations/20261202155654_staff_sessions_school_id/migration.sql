-- Citus-ready: a staff session carries its user's school, which is in its primary key, its
-- unique token and its foreign key to staff_users.

-- The target of the (schoolId, userId) foreign key.
CREATE UNIQUE INDEX "staff_users_schoolId_id_key" ON "staff_users"("schoolId", "id");

-- DropForeignKey
ALTER TABLE "staff_sessions" DROP CONSTRAINT "staff_sessions_userId_fkey";

-- DropIndex
DROP INDEX "staff_sessions_tokenHash_key";

-- Backfill from the user, then require it.
ALTER TABLE "staff_sessions" ADD COLUMN "schoolId" UUID;
UPDATE "staff_sessions" s SET "schoolId" = u."schoolId" FROM "staff_users" u WHERE u.id = s."userId";
ALTER TABLE "staff_sessions" ALTER COLUMN "schoolId" SET NOT NULL;

-- AlterTable
ALTER TABLE "staff_sessions" DROP CONSTRAINT "staff_sessions_pkey",
ADD CONSTRAINT "staff_sessions_pkey" PRIMARY KEY ("schoolId", "id");

-- CreateIndex
CREATE INDEX "staff_sessions_tokenHash_idx" ON "staff_sessions"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "staff_sessions_schoolId_tokenHash_key" ON "staff_sessions"("schoolId", "tokenHash");

-- AddForeignKey
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_schoolId_userId_fkey" FOREIGN KEY ("schoolId", "userId") REFERENCES "staff_users"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
