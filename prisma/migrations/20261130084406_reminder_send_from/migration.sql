-- AlterTable
ALTER TABLE "ScheduledFire" ADD COLUMN     "sendFrom" TIMESTAMPTZ(3);
