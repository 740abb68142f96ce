-- CreateTable
CREATE TABLE "AnnouncementDraft" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "audience" JSONB,
    "originalLocale" TEXT NOT NULL,
    "texts" JSONB NOT NULL DEFAULT '{}',
    "suggestions" JSONB NOT NULL DEFAULT '{}',
    "broadcastId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AnnouncementDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AnnouncementDraft_broadcastId_key" ON "AnnouncementDraft"("broadcastId");

-- CreateIndex
CREATE INDEX "AnnouncementDraft_createdById_createdAt_idx" ON "AnnouncementDraft"("createdById", "createdAt");
