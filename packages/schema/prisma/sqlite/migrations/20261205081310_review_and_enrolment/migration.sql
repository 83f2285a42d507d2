-- CreateTable
CREATE TABLE "ReviewNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "versionId" TEXT,
    "revisionId" TEXT,
    "authorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    CONSTRAINT "ReviewNote_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ReviewNote_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "AiFeatureRevision" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ReviewNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Editor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "redeemedAt" DATETIME,
    "revokedAt" DATETIME,
    "editorId" TEXT,
    CONSTRAINT "Invitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "Editor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Invitation_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- Hand-written instead of Prisma's table redefinition, which would drop the Version table's
-- immutability and catalogue triggers: SQLite adds a column with a default in place.
DROP INDEX "Version_documentId_label_key";
ALTER TABLE "Version" ADD COLUMN "rejectionKey" TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX "Version_documentId_label_rejectionKey_key" ON "Version"("documentId", "label", "rejectionKey");

-- CreateIndex
CREATE INDEX "ReviewNote_versionId_idx" ON "ReviewNote"("versionId");

-- CreateIndex
CREATE INDEX "ReviewNote_revisionId_idx" ON "ReviewNote"("revisionId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_prefix_key" ON "Invitation"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_hash_key" ON "Invitation"("hash");

-- CreateIndex
CREATE INDEX "Invitation_email_idx" ON "Invitation"("email");

