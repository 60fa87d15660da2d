-- Rows kept before the totals existed would read as "no marks": they are rebuilt from the
-- marks the next time their subject changes.
DELETE FROM "subject_forecasts";

-- AlterTable
ALTER TABLE "subject_forecasts" ADD COLUMN     "failCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failWeight" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "numericCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "numericSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "numericWeight" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "passCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "passWeight" DOUBLE PRECISION NOT NULL DEFAULT 0;
