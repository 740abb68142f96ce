-- CreateTable
CREATE TABLE "Translation" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ownerId" TEXT,
    "translation" TEXT NOT NULL,
    "storedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Translation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Translation_ownerId_idx" ON "Translation"("ownerId");

-- CreateIndex
CREATE INDEX "Translation_storedAt_idx" ON "Translation"("storedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Translation_key_ownerId_key" ON "Translation"("key", "ownerId");
