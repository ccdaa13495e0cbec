-- CreateTable
CREATE TABLE "DutyCheckin" (
    "id" SERIAL NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "answeredBy" INTEGER,
    "answeredAt" TIMESTAMP(3),
    "ticketId" INTEGER,
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DutyCheckin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetRecord" (
    "id" SERIAL NOT NULL,
    "target" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "note" TEXT,
    "recordedBy" INTEGER NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TargetRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetSnapshot" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "TargetSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnterpriseGroup" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "registeredBy" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnterpriseGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "editedBy" INTEGER,
    "approvedBy" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignDelivery" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignDelivery_pkey" PRIMARY KEY ("id")
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
