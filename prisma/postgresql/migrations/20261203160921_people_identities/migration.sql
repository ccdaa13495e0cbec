-- People have identities, not columns: Staff.feishuOpenId / Staff.dingtalkUserId become rows of "Identity"
-- (platform, userId, staffId), and staff can link an account with a one-time code ("StaffLinkCode").
--
-- Edited by hand after `npm run db:migration:create` (see CONTRIBUTING.md, "Adding a migration"): the generated
-- file dropped the columns first, here the tables are created and the existing ids copied into "Identity" before
-- the columns go. The console (local simulator) recognised staff by name, every staff name becomes a console
-- identity so that keeps working, the active staff member with the lowest id winning a name two share (as before).

-- CreateTable
CREATE TABLE "Identity" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffLinkCode" (
    "id" SERIAL NOT NULL,
    "staffId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "issuedBy" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffLinkCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Identity_staffId_idx" ON "Identity"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_platform_userId_key" ON "Identity"("platform", "userId");

-- CreateIndex
CREATE INDEX "StaffLinkCode_staffId_usedAt_idx" ON "StaffLinkCode"("staffId", "usedAt");

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffLinkCode" ADD CONSTRAINT "StaffLinkCode_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CopyData: the platform ids (unique per column, so no conflicts), then the console names.
INSERT INTO "Identity" ("platform", "userId", "staffId")
SELECT 'feishu', "feishuOpenId", "id" FROM "Staff" WHERE "feishuOpenId" IS NOT NULL;

INSERT INTO "Identity" ("platform", "userId", "staffId")
SELECT 'dingtalk', "dingtalkUserId", "id" FROM "Staff" WHERE "dingtalkUserId" IS NOT NULL;

INSERT INTO "Identity" ("platform", "userId", "staffId")
SELECT 'console', "name", COALESCE(MIN(CASE WHEN "active" THEN "id" END), MIN("id"))
FROM "Staff" GROUP BY "name";

-- DropIndex
DROP INDEX "Staff_dingtalkUserId_key";

-- DropIndex
DROP INDEX "Staff_feishuOpenId_key";

-- AlterTable
ALTER TABLE "Staff" DROP COLUMN "dingtalkUserId",
DROP COLUMN "feishuOpenId";
