-- DropIndex
DROP INDEX "Outbox_status_platform_nextAttemptAt_id_idx";

-- AlterTable
ALTER TABLE "InboundEvent" ADD COLUMN "claimedBy" TEXT;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "claimedBy" TEXT;

-- CreateTable
CREATE TABLE "Incarnation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Incarnation_leaseUntil_idx" ON "Incarnation"("leaseUntil");

-- CreateIndex
CREATE INDEX "Outbox_status_platform_id_idx" ON "Outbox"("status", "platform", "id");
