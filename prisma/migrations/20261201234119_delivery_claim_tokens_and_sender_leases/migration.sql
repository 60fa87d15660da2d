-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "claimToken" UUID,
ADD COLUMN     "claimedUntil" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "sender_leases" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "token" BIGINT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sender_leases_pkey" PRIMARY KEY ("name")
);
