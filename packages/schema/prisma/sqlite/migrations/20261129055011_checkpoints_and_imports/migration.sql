-- CreateTable
CREATE TABLE "Checkpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sequence" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "payload" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "keyId" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ConsentImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editorId" TEXT,
    "rowCount" INTEGER NOT NULL,
    "fileHash" TEXT NOT NULL,
    CONSTRAINT "ConsentImport_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Checkpoint_sequence_key" ON "Checkpoint"("sequence");

