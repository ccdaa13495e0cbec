-- AlterTable
ALTER TABLE "Contact" ADD COLUMN "dutyRole" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Enterprise" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "creditCode" TEXT NOT NULL,
    "industry" TEXT NOT NULL,
    "size" TEXT,
    "town" TEXT,
    "dutyClasses" TEXT NOT NULL DEFAULT '[]',
    "products" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Enterprise" ("createdAt", "creditCode", "id", "industry", "name", "size", "town", "updatedAt") SELECT "createdAt", "creditCode", "id", "industry", "name", "size", "town", "updatedAt" FROM "Enterprise";
DROP TABLE "Enterprise";
ALTER TABLE "new_Enterprise" RENAME TO "Enterprise";
CREATE UNIQUE INDEX "Enterprise_creditCode_key" ON "Enterprise"("creditCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
