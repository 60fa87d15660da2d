-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "partsSent" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "send_rates" (
    "name" TEXT NOT NULL,
    "nextAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "send_rates_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "outbox_messages_fallbackId_idx" ON "outbox_messages"("fallbackId");
