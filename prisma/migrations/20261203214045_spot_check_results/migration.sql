-- CreateTable
CREATE TABLE "SpotCheckResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enterpriseId" INTEGER NOT NULL,
    "creditCode" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "batch" TEXT NOT NULL,
    "conclusion" TEXT NOT NULL,
    "failedItems" TEXT NOT NULL DEFAULT '',
    "checkedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SpotCheckBatch" (
    "batch" TEXT NOT NULL PRIMARY KEY,
    "alertId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SpotCheckResult_enterpriseId_idx" ON "SpotCheckResult"("enterpriseId");

-- CreateIndex
CREATE INDEX "SpotCheckResult_batch_idx" ON "SpotCheckResult"("batch");

-- CreateIndex
CREATE UNIQUE INDEX "SpotCheckResult_creditCode_product_batch_key" ON "SpotCheckResult"("creditCode", "product", "batch");
