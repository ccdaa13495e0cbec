-- CreateIndex
CREATE INDEX "Outbox_status_platform_nextAttemptAt_id_idx" ON "Outbox"("status", "platform", "nextAttemptAt", "id");
