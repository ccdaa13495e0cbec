-- CreateTable
CREATE TABLE "KnowledgeRevision" (
    "id" SERIAL NOT NULL,
    "entryId" TEXT NOT NULL,
    "fields" TEXT,
    "author" TEXT NOT NULL,
    "authorName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "evalBefore" TEXT NOT NULL,
    "evalAfter" TEXT NOT NULL,

    CONSTRAINT "KnowledgeRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KnowledgeRevision_entryId_id_idx" ON "KnowledgeRevision"("entryId", "id");
