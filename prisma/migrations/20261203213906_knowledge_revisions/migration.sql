-- CreateTable
CREATE TABLE "KnowledgeRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entryId" TEXT NOT NULL,
    "fields" TEXT,
    "author" TEXT NOT NULL,
    "authorName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "evalBefore" TEXT NOT NULL,
    "evalAfter" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "KnowledgeRevision_entryId_id_idx" ON "KnowledgeRevision"("entryId", "id");
