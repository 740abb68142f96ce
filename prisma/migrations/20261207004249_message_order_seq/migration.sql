-- DropIndex
DROP INDEX "OutboundMessage_channel_externalId_createdAt_idx";

-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "seq" SERIAL NOT NULL;

-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "seq" SERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "OutboundMessage_channel_externalId_seq_idx" ON "OutboundMessage"("channel", "externalId", "seq");
