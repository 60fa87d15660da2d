-- AlterEnum
ALTER TYPE "DigestFrequency" ADD VALUE 'daily';

-- AlterTable
ALTER TABLE "notification_preferences" ADD COLUMN     "instantAbsences" BOOLEAN NOT NULL DEFAULT true;
