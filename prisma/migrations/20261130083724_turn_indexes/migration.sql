-- CreateIndex
CREATE INDEX "InboundMessage_channel_externalId_status_idx" ON "InboundMessage"("channel", "externalId", "status");

-- CreateIndex
CREATE INDEX "OutboundMessage_channel_externalId_createdAt_idx" ON "OutboundMessage"("channel", "externalId", "createdAt");
