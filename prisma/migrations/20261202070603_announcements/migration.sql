-- CreateEnum
CREATE TYPE "AnnouncementStatus" AS ENUM ('scheduled', 'sent', 'cancelled');

-- CreateTable
CREATE TABLE "announcements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "authorType" TEXT NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT,
    "audience" TEXT NOT NULL,
    "classIds" UUID[],
    "text" TEXT NOT NULL,
    "ackRequired" BOOLEAN NOT NULL DEFAULT false,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "sendAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "AnnouncementStatus" NOT NULL DEFAULT 'scheduled',
    "sentAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "reminders" INTEGER NOT NULL DEFAULT 0,
    "lastRemindedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "announcements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "announcement_attachments" (
    "announcementId" UUID NOT NULL,
    "schoolId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "announcement_attachments_pkey" PRIMARY KEY ("schoolId","announcementId")
);

-- CreateTable
CREATE TABLE "announcement_reads" (
    "schoolId" UUID NOT NULL,
    "announcementId" UUID NOT NULL,
    "guardianId" UUID NOT NULL,
    "channelType" "ChannelType" NOT NULL,
    "readAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "announcement_reads_pkey" PRIMARY KEY ("announcementId","guardianId")
);

-- CreateIndex
CREATE INDEX "announcements_schoolId_createdAt_idx" ON "announcements"("schoolId", "createdAt");

-- CreateIndex
CREATE INDEX "announcements_scheduled_sendAt_idx" ON "announcements"("sendAt") WHERE (status = 'scheduled');

-- CreateIndex
CREATE UNIQUE INDEX "announcements_schoolId_id_key" ON "announcements"("schoolId", "id");

-- CreateIndex
CREATE INDEX "announcement_reads_guardianId_idx" ON "announcement_reads"("guardianId");

-- AddForeignKey
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "announcement_attachments" ADD CONSTRAINT "announcement_attachments_schoolId_announcementId_fkey" FOREIGN KEY ("schoolId", "announcementId") REFERENCES "announcements"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_schoolId_announcementId_fkey" FOREIGN KEY ("schoolId", "announcementId") REFERENCES "announcements"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_guardianId_fkey" FOREIGN KEY ("guardianId") REFERENCES "guardians"("id") ON DELETE CASCADE ON UPDATE CASCADE;
