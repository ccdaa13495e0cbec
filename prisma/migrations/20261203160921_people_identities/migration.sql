-- People have identities, not columns: Staff.feishuOpenId / Staff.dingtalkUserId become rows of "Identity"
-- (platform, userId, staffId), and staff can link an account with a one-time code ("StaffLinkCode").
--
-- Edited by hand after `npm run db:migration:create` (see CONTRIBUTING.md, "Adding a migration"):
-- * The existing ids are copied into "Identity" before the columns go.
-- * The columns are dropped with ALTER TABLE … DROP COLUMN (SQLite 3.35+, D1) after dropping their unique
--   indexes, instead of the generated table redefinition (new_Staff, DROP TABLE "Staff", RENAME). Dropping "Staff"
--   runs an implicit DELETE FROM "Staff" wherever foreign keys are enforced, and D1 always enforces them
--   (PRAGMA foreign_keys=OFF is ignored there and inside a transaction): the cascade would delete the identities
--   just copied and set every Ticket.assigneeId to NULL.
-- * The console (local simulator) recognised staff by name, every staff name becomes a console identity so that
--   keeps working, the active staff member with the lowest id winning a name two share (as before).

-- CreateTable
CREATE TABLE "Identity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "linkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Identity_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffLinkCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "issuedBy" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffLinkCode_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Identity_staffId_idx" ON "Identity"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_platform_userId_key" ON "Identity"("platform", "userId");

-- CreateIndex
CREATE INDEX "StaffLinkCode_staffId_usedAt_idx" ON "StaffLinkCode"("staffId", "usedAt");

-- CopyData: the platform ids (unique per column, so no conflicts), then the console names.
-- linkedAt is written in the adapter's ISO-8601 text format (docs/prisma-offline.md, pitfall 14).
INSERT INTO "Identity" ("platform", "userId", "staffId", "linkedAt")
SELECT 'feishu', "feishuOpenId", "id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM "Staff" WHERE "feishuOpenId" IS NOT NULL;

INSERT INTO "Identity" ("platform", "userId", "staffId", "linkedAt")
SELECT 'dingtalk', "dingtalkUserId", "id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM "Staff" WHERE "dingtalkUserId" IS NOT NULL;

INSERT INTO "Identity" ("platform", "userId", "staffId", "linkedAt")
SELECT 'console', "name", COALESCE(MIN(CASE WHEN "active" THEN "id" END), MIN("id")), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM "Staff" GROUP BY "name";

-- DropIndex
DROP INDEX "Staff_dingtalkUserId_key";

-- DropIndex
DROP INDEX "Staff_feishuOpenId_key";

-- AlterTable
ALTER TABLE "Staff" DROP COLUMN "dingtalkUserId";

-- AlterTable
ALTER TABLE "Staff" DROP COLUMN "feishuOpenId";
