-- The fill-in triggers run only for rows that name no bot: the application always names one,
-- so its bulk inserts no longer pay a PL/pgSQL call per row.
DROP TRIGGER "channels_default_bot" ON "channels";
DROP TRIGGER "outbox_messages_default_bot" ON "outbox_messages";
CREATE TRIGGER "channels_default_bot" BEFORE INSERT ON "channels" FOR EACH ROW
  WHEN (NEW."botId" IS NULL AND NEW."type" IN ('telegram', 'max')) EXECUTE FUNCTION vestnik_default_bot();
CREATE TRIGGER "outbox_messages_default_bot" BEFORE INSERT ON "outbox_messages" FOR EACH ROW
  WHEN (NEW."botId" IS NULL AND NEW."channelType" IN ('telegram', 'max')) EXECUTE FUNCTION vestnik_default_bot();
