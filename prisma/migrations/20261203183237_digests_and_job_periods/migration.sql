-- CreateTable
CREATE TABLE "DigestPreference" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffId" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "deliverAt" TEXT,
    "quietHours" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DigestPreferenceChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffId" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "undoneAt" DATETIME
);

-- AlterTable (columns added in place: no table redefinition)
ALTER TABLE "JobRun" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "JobRun" ADD COLUMN "sent" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "JobRun" ADD COLUMN "skipped" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "DigestPreference_staffId_digest_key" ON "DigestPreference"("staffId", "digest");

-- CreateIndex
CREATE INDEX "DigestPreferenceChange_staffId_digest_at_idx" ON "DigestPreferenceChange"("staffId", "digest", "at");
