-- AlterTable
ALTER TABLE "SentCard" ADD COLUMN     "subject" TEXT;

-- CreateIndex
CREATE INDEX "SentCard_subject_idx" ON "SentCard"("subject");
