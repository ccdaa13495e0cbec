-- CreateIndex
CREATE INDEX "SentCard_platform_chatId_createdAt_idx" ON "SentCard"("platform", "chatId", "createdAt");

-- CreateIndex
CREATE INDEX "SentCard_platform_userId_createdAt_idx" ON "SentCard"("platform", "userId", "createdAt");
