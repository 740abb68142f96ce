-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "helpHandledAt" TIMESTAMPTZ(3),
ADD COLUMN     "helpHandledById" TEXT;
