-- AlterTable
ALTER TABLE "Rsvp" ADD COLUMN     "late" BOOLEAN NOT NULL DEFAULT false;
