-- CreateTable
CREATE TABLE "DutyCheckin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enterpriseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "dueAt" DATETIME NOT NULL,
    "answeredBy" INTEGER,
    "answeredAt" DATETIME,
    "ticketId" INTEGER,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TargetRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "target" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "note" TEXT,
    "recordedBy" INTEGER NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TargetSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "month" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "value" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "EnterpriseGroup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "registeredBy" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "editedBy" INTEGER,
    "approvedBy" INTEGER,
    "decidedAt" DATETIME,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CampaignDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "DutyCheckin_status_dueAt_idx" ON "DutyCheckin"("status", "dueAt");

-- CreateIndex
CREATE INDEX "DutyCheckin_kind_period_idx" ON "DutyCheckin"("kind", "period");

-- CreateIndex
CREATE UNIQUE INDEX "DutyCheckin_enterpriseId_kind_period_key" ON "DutyCheckin"("enterpriseId", "kind", "period");

-- CreateIndex
CREATE INDEX "TargetRecord_target_recordedAt_idx" ON "TargetRecord"("target", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TargetSnapshot_month_target_key" ON "TargetSnapshot"("month", "target");

-- CreateIndex
CREATE UNIQUE INDEX "EnterpriseGroup_platform_chatId_key" ON "EnterpriseGroup"("platform", "chatId");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_code_year_key" ON "Campaign"("code", "year");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignDelivery_campaignId_groupId_key" ON "CampaignDelivery"("campaignId", "groupId");
