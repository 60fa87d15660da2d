-- CreateTable
CREATE TABLE "chat_link_tokens" (
    "tokenHash" TEXT NOT NULL,
    "guardianIds" UUID[],
    "channel" "ChannelType" NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_link_tokens_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "chat_link_tokens_expiresAt_idx" ON "chat_link_tokens"("expiresAt");
