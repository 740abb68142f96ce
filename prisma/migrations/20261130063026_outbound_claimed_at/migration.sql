-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "claimedAt" TIMESTAMPTZ(3);
