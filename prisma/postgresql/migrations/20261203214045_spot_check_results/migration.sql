-- CreateTable
CREATE TABLE "SpotCheckResult" (
    "id" SERIAL NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "creditCode" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "batch" TEXT NOT NULL,
    "conclusion" TEXT NOT NULL,
    "failedItems" TEXT NOT NULL DEFAULT '',
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpotCheckResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpotCheckBatch" (
    "batch" TEXT NOT NULL,
    "alertId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpotCheckBatch_pkey" PRIMARY KEY ("batch")
);

-- CreateIndex
CREATE INDEX "SpotCheckResult_enterpriseId_idx" ON "SpotCheckResult"("enterpriseId");

-- CreateIndex
CREATE INDEX "SpotCheckResult_batch_idx" ON "SpotCheckResult"("batch");

-- CreateIndex
CREATE UNIQUE INDEX "SpotCheckResult_creditCode_product_batch_key" ON "SpotCheckResult"("creditCode", "product", "batch");
