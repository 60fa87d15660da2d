-- DropIndex
DROP INDEX "outbox_messages_botId_status_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "outbox_messages_queued_bot_idx" ON "outbox_messages"("botId", "critical" DESC, "nextAttemptAt") WHERE (status = 'queued');

-- CreateIndex
CREATE INDEX "outbox_messages_queued_channel_idx" ON "outbox_messages"("channelType", "critical" DESC, "nextAttemptAt") WHERE (status = 'queued');
