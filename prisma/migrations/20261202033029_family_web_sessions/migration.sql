-- AlterEnum
ALTER TYPE "ChannelType" ADD VALUE 'web';

-- CreateTable
CREATE TABLE "family_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tokenHash" TEXT NOT NULL,
    "guardianIds" UUID[],
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "family_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "family_sessions_tokenHash_key" ON "family_sessions"("tokenHash");

-- CreateIndex
CREATE INDEX "family_sessions_guardianIds_idx" ON "family_sessions" USING GIN ("guardianIds");
