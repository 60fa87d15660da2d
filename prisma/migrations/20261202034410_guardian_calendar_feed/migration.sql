-- AlterTable
ALTER TABLE "guardians" ADD COLUMN     "calendarVersion" INTEGER NOT NULL DEFAULT 0;
