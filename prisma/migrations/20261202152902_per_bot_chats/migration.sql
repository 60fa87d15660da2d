-- DropIndex
DROP INDEX "student_accounts_channel_address_key";

-- AlterTable
ALTER TABLE "processed_max_updates" DROP CONSTRAINT "processed_max_updates_pkey",
ADD COLUMN     "botId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000002',
ADD CONSTRAINT "processed_max_updates_pkey" PRIMARY KEY ("botId", "key");

-- AlterTable
ALTER TABLE "processed_updates" DROP CONSTRAINT "processed_updates_pkey",
ADD COLUMN     "botId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001',
ADD CONSTRAINT "processed_updates_pkey" PRIMARY KEY ("botId", "updateId");

-- AlterTable
ALTER TABLE "student_accounts" ADD COLUMN     "botId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "student_accounts_channel_address_botId_key" ON "student_accounts"("channel", "address", "botId");

-- Every student's chat account so far talked through its messenger's default bot.
UPDATE "student_accounts" SET "botId" = CASE "channel" WHEN 'telegram' THEN '00000000-0000-4000-8000-000000000001'::uuid ELSE '00000000-0000-4000-8000-000000000002'::uuid END
 WHERE "channel" IN ('telegram', 'max');
