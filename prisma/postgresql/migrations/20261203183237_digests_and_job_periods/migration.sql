-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "sent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "skipped" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "DigestPreference" (
    "id" SERIAL NOT NULL,
    "staffId" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "deliverAt" TEXT,
    "quietHours" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DigestPreference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestPreferenceChange" (
    "id" SERIAL NOT NULL,
    "staffId" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "DigestPreferenceChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DigestPreference_staffId_digest_key" ON "DigestPreference"("staffId", "digest");

-- CreateIndex
CREATE INDEX "DigestPreferenceChange_staffId_digest_at_idx" ON "DigestPreferenceChange"("staffId", "digest", "at");
