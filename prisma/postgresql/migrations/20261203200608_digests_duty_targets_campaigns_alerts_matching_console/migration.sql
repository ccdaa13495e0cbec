-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "sent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "skipped" INTEGER NOT NULL DEFAULT 0;

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
CREATE TABLE "BroadcastGroup" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "registeredBy" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BroadcastGroup_pkey" PRIMARY KEY ("id")
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
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "receiptDue" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publisherId" INTEGER NOT NULL,
    "publisherPlatform" TEXT NOT NULL,
    "approvalDepartment" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "summaryDirty" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRecipient" (
    "id" SERIAL NOT NULL,
    "alertId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "receipt" TEXT,
    "receiptBy" TEXT,
    "receiptName" TEXT,
    "receiptAt" TIMESTAMP(3),
    "ticketId" INTEGER,

    CONSTRAINT "AlertRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnterpriseGroup" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnterpriseGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateWarning" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateWarning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyMatch" (
    "id" SERIAL NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "ruleId" TEXT NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "criteria" TEXT NOT NULL,
    "notified" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyMatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyOptOut" (
    "id" SERIAL NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "by" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyOptOut_pkey" PRIMARY KEY ("id")
);

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

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorName" TEXT,
    "via" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "id" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "csrf" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsoleSession_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "BroadcastGroup_platform_chatId_key" ON "BroadcastGroup"("platform", "chatId");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_code_year_key" ON "Campaign"("code", "year");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignDelivery_campaignId_platform_chatId_key" ON "CampaignDelivery"("campaignId", "platform", "chatId");

-- CreateIndex
CREATE INDEX "Alert_status_receiptDue_idx" ON "Alert"("status", "receiptDue");

-- CreateIndex
CREATE INDEX "AlertRecipient_enterpriseId_idx" ON "AlertRecipient"("enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertRecipient_alertId_enterpriseId_key" ON "AlertRecipient"("alertId", "enterpriseId");

-- CreateIndex
CREATE INDEX "EnterpriseGroup_enterpriseId_idx" ON "EnterpriseGroup"("enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "EnterpriseGroup_platform_chatId_enterpriseId_key" ON "EnterpriseGroup"("platform", "chatId", "enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateWarning_key_key" ON "CertificateWarning"("key");

-- CreateIndex
CREATE INDEX "CertificateWarning_enterpriseId_idx" ON "CertificateWarning"("enterpriseId");

-- CreateIndex
CREATE INDEX "PolicyMatch_createdAt_idx" ON "PolicyMatch"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyMatch_enterpriseId_ruleId_ruleVersion_key" ON "PolicyMatch"("enterpriseId", "ruleId", "ruleVersion");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyOptOut_enterpriseId_key" ON "PolicyOptOut"("enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "DigestPreference_staffId_digest_key" ON "DigestPreference"("staffId", "digest");

-- CreateIndex
CREATE INDEX "DigestPreferenceChange_staffId_digest_at_idx" ON "DigestPreferenceChange"("staffId", "digest", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_subject_idx" ON "AuditEntry"("subject");

-- CreateIndex
CREATE INDEX "ConsoleSession_staffId_idx" ON "ConsoleSession"("staffId");

-- AddForeignKey
ALTER TABLE "AlertRecipient" ADD CONSTRAINT "AlertRecipient_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
