-- AlterTable
ALTER TABLE "Segment" ADD COLUMN "retiredAt" DATETIME;

-- AlterTable
ALTER TABLE "Version" ADD COLUMN "importSource" TEXT;
ALTER TABLE "Version" ADD COLUMN "importedAt" DATETIME;

-- AlterTable
ALTER TABLE "AiFeature" ADD COLUMN "retiredAt" DATETIME;

-- CreateTable
CREATE TABLE "DocumentSegment" (
    "documentId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,

    PRIMARY KEY ("documentId", "segmentId"),
    CONSTRAINT "DocumentSegment_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DocumentSegment_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DefinitionChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "valuesJson" TEXT NOT NULL,
    "editorId" TEXT,
    "contentHash" TEXT NOT NULL,
    "previousHash" TEXT,
    CONSTRAINT "DefinitionChange_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable (hand-edited: ADD COLUMN instead of Prisma's table redefinition, which would drop
-- the Document table's catalogue triggers)
ALTER TABLE "Organization" ADD COLUMN "legalName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Organization" ADD COLUMN "contactEmail" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Organization" ADD COLUMN "publicKeyId" TEXT;
ALTER TABLE "Document" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'terms';
ALTER TABLE "Document" ADD COLUMN "retiredAt" DATETIME;

-- CreateIndex
CREATE UNIQUE INDEX "DefinitionChange_previousHash_key" ON "DefinitionChange"("previousHash");

-- CreateIndex
CREATE INDEX "DefinitionChange_subjectType_subjectKey_at_idx" ON "DefinitionChange"("subjectType", "subjectKey", "at");



-- Hand-written. Until now every document applied to every segment: keep it so.
INSERT INTO "DocumentSegment" ("documentId", "segmentId") SELECT "Document"."id", "Segment"."id" FROM "Document", "Segment";

-- Definition changes are append-only; they, segments and document scopes change what the
-- public catalogue shows.
CREATE TRIGGER "definitionchange_no_update" BEFORE UPDATE ON "DefinitionChange" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: DefinitionChange rows are append-only'); END;
CREATE TRIGGER "definitionchange_no_delete" BEFORE DELETE ON "DefinitionChange" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: DefinitionChange rows are append-only'); END;
CREATE TRIGGER "catalogue_definitionchange_insert" AFTER INSERT ON "DefinitionChange"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_documentsegment_insert" AFTER INSERT ON "DocumentSegment"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_documentsegment_delete" AFTER DELETE ON "DocumentSegment"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_segment_insert" AFTER INSERT ON "Segment"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_segment_update" AFTER UPDATE ON "Segment"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
