-- CreateIndex
CREATE INDEX "RelayMessage_threadId_direction_createdAt_idx" ON "RelayMessage"("threadId", "direction", "createdAt");
