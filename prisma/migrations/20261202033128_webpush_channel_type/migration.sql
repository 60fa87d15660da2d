-- AlterEnum
-- Its own migration: a new enum value cannot be used in the transaction that adds it.
ALTER TYPE "ChannelType" ADD VALUE 'webpush';
