-- AlterTable
ALTER TABLE "consent_codes" ADD COLUMN     "forStudent" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "student_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "studentId" UUID NOT NULL,
    "channel" "ChannelType" NOT NULL,
    "address" TEXT NOT NULL,
    "codeId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "student_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "student_accounts_studentId_idx" ON "student_accounts"("studentId");

-- CreateIndex
CREATE UNIQUE INDEX "student_accounts_channel_address_key" ON "student_accounts"("channel", "address");

-- AddForeignKey
ALTER TABLE "student_accounts" ADD CONSTRAINT "student_accounts_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student_accounts" ADD CONSTRAINT "student_accounts_codeId_fkey" FOREIGN KEY ("codeId") REFERENCES "consent_codes"("id") ON DELETE SET NULL ON UPDATE CASCADE;
