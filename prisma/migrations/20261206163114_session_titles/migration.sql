-- AlterTable
ALTER TABLE "TrainingSession" ADD COLUMN     "titles" JSONB;
