-- CreateTable
CREATE TABLE "processed_max_updates" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_max_updates_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "processed_max_updates_receivedAt_idx" ON "processed_max_updates"("receivedAt");
