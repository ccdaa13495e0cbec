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
CREATE TABLE "BroadcastGroup" (
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
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "receiptDue" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publisherId" INTEGER NOT NULL,
    "publisherPlatform" TEXT NOT NULL,
    "approvalDepartment" TEXT,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "sentAt" DATETIME,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "summaryDirty" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AlertRecipient" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "alertId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "receipt" TEXT,
    "receiptBy" TEXT,
    "receiptName" TEXT,
    "receiptAt" DATETIME,
    "ticketId" INTEGER,
    CONSTRAINT "AlertRecipient_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EnterpriseGroup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CertificateWarning" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PolicyMatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enterpriseId" INTEGER NOT NULL,
    "ruleId" TEXT NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "criteria" TEXT NOT NULL,
    "notified" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PolicyOptOut" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enterpriseId" INTEGER NOT NULL,
    "by" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

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

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorName" TEXT,
    "via" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "before" TEXT,
    "after" TEXT
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "csrf" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "claimedBy" TEXT,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);
INSERT INTO "new_JobRun" ("error", "finishedAt", "id", "job", "period", "startedAt", "status") SELECT "error", "finishedAt", "id", "job", "period", "startedAt", "status" FROM "JobRun";
DROP TABLE "JobRun";
ALTER TABLE "new_JobRun" RENAME TO "JobRun";
CREATE UNIQUE INDEX "JobRun_job_period_key" ON "JobRun"("job", "period");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
