-- DropIndex
DROP INDEX "Outbox_status_platform_nextAttemptAt_id_idx";

-- AlterTable
ALTER TABLE "InboundEvent" ADD COLUMN     "claimedBy" TEXT;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "claimedBy" TEXT;

-- CreateTable
CREATE TABLE "Incarnation" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incarnation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Incarnation_leaseUntil_idx" ON "Incarnation"("leaseUntil");

-- CreateIndex
CREATE INDEX "Outbox_status_platform_id_idx" ON "Outbox"("status", "platform", "id");
