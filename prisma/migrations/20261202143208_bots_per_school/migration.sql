-- AlterTable
ALTER TABLE "channels" ADD COLUMN     "botId" UUID;

-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "botId" UUID;

-- CreateTable
CREATE TABLE "bots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID,
    "type" "ChannelType" NOT NULL,
    "externalId" TEXT,
    "username" TEXT,
    "tokenSealed" TEXT,
    "tokenHint" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bots_schoolId_type_key" ON "bots"("schoolId", "type");

-- CreateIndex
CREATE UNIQUE INDEX "bots_type_externalId_key" ON "bots"("type", "externalId");

-- CreateIndex
CREATE INDEX "outbox_messages_botId_status_nextAttemptAt_idx" ON "outbox_messages"("botId", "status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "channels" ADD CONSTRAINT "channels_botId_fkey" FOREIGN KEY ("botId") REFERENCES "bots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bots" ADD CONSTRAINT "bots_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The default bots (TELEGRAM_BOT_TOKEN, MAX_BOT_TOKEN): every chat linked so far went through them.
INSERT INTO "bots" ("id", "type", "updatedAt") VALUES
  ('00000000-0000-4000-8000-000000000001', 'telegram', CURRENT_TIMESTAMP),
  ('00000000-0000-4000-8000-000000000002', 'max', CURRENT_TIMESTAMP);

UPDATE "channels" SET "botId" = CASE "type" WHEN 'telegram' THEN '00000000-0000-4000-8000-000000000001'::uuid ELSE '00000000-0000-4000-8000-000000000002'::uuid END
 WHERE "type" IN ('telegram', 'max');

UPDATE "outbox_messages" SET "botId" = CASE "channelType" WHEN 'telegram' THEN '00000000-0000-4000-8000-000000000001'::uuid ELSE '00000000-0000-4000-8000-000000000002'::uuid END
 WHERE "channelType" IN ('telegram', 'max');

-- A chat channel or message that names no bot goes through its messenger's default bot.
-- The application always names one; this keeps rows written by older code (and tools that
-- insert directly) routable instead of never being claimed.
CREATE FUNCTION vestnik_default_bot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'channels' THEN
    IF NEW."botId" IS NULL AND NEW."type" IN ('telegram', 'max') THEN
      NEW."botId" := CASE NEW."type" WHEN 'telegram' THEN '00000000-0000-4000-8000-000000000001'::uuid ELSE '00000000-0000-4000-8000-000000000002'::uuid END;
    END IF;
  ELSIF NEW."botId" IS NULL AND NEW."channelType" IN ('telegram', 'max') THEN
    NEW."botId" := COALESCE((SELECT "botId" FROM "channels" WHERE "id" = NEW."channelId"),
      CASE NEW."channelType" WHEN 'telegram' THEN '00000000-0000-4000-8000-000000000001'::uuid ELSE '00000000-0000-4000-8000-000000000002'::uuid END);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "channels_default_bot" BEFORE INSERT ON "channels" FOR EACH ROW EXECUTE FUNCTION vestnik_default_bot();
CREATE TRIGGER "outbox_messages_default_bot" BEFORE INSERT ON "outbox_messages" FOR EACH ROW EXECUTE FUNCTION vestnik_default_bot();
