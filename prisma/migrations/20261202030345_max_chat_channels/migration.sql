-- AlterTable
ALTER TABLE "channels" ADD COLUMN     "muted" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "guardians" ADD COLUMN     "preferredChat" "ChannelType";

-- AlterTable
ALTER TABLE "schools" ADD COLUMN     "chatChannels" "ChannelType"[] DEFAULT ARRAY['max']::"ChannelType"[],
ADD COLUMN     "maxDigests" BOOLEAN NOT NULL DEFAULT true;

-- Schools that exist already reached families through Telegram: they keep it, beside MAX.
UPDATE "schools" SET "chatChannels" = ARRAY['telegram', 'max']::"ChannelType"[];
