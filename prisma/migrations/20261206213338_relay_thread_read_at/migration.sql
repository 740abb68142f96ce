-- AlterTable
ALTER TABLE "RelayThread" ADD COLUMN     "readAt" TIMESTAMPTZ(3);
