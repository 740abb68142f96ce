-- CreateEnum
CREATE TYPE "MediaStatus" AS ENUM ('pending', 'settled');

-- CreateTable
CREATE TABLE "Media" (
    "id" TEXT NOT NULL,
    "inboundId" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "mimeType" TEXT,
    "sizeBytes" INTEGER,
    "content" BYTEA,
    "status" "MediaStatus" NOT NULL DEFAULT 'pending',
    "outcome" TEXT,
    "transcript" TEXT,
    "language" TEXT,
    "holdUntil" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMPTZ(3),

    CONSTRAINT "Media_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Media_inboundId_key" ON "Media"("inboundId");

-- AddForeignKey
ALTER TABLE "Media" ADD CONSTRAINT "Media_inboundId_fkey" FOREIGN KEY ("inboundId") REFERENCES "InboundMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
