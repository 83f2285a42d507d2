-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "contactEmail" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "legalName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "publicKeyId" TEXT;

-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'terms',
ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Version" ADD COLUMN     "importSource" TEXT,
ADD COLUMN     "importedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "AiFeature" ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DocumentSegment" (
    "documentId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,

    CONSTRAINT "DocumentSegment_pkey" PRIMARY KEY ("documentId","segmentId")
);

-- CreateTable
CREATE TABLE "DefinitionChange" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "valuesJson" TEXT NOT NULL,
    "editorId" TEXT,
    "contentHash" TEXT NOT NULL,
    "previousHash" TEXT,

    CONSTRAINT "DefinitionChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DefinitionChange_previousHash_key" ON "DefinitionChange"("previousHash");

-- CreateIndex
CREATE INDEX "DefinitionChange_subjectType_subjectKey_at_idx" ON "DefinitionChange"("subjectType", "subjectKey", "at");

-- AddForeignKey
ALTER TABLE "DocumentSegment" ADD CONSTRAINT "DocumentSegment_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentSegment" ADD CONSTRAINT "DocumentSegment_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DefinitionChange" ADD CONSTRAINT "DefinitionChange_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "Editor"("id") ON DELETE SET NULL ON UPDATE CASCADE;



-- Hand-written. Until now every document applied to every segment: keep it so.
INSERT INTO "DocumentSegment" ("documentId", "segmentId") SELECT "Document"."id", "Segment"."id" FROM "Document", "Segment";

-- Definition changes are append-only; they, segments and document scopes change what the
-- public catalogue shows.
CREATE TRIGGER "definitionchange_append_only" BEFORE UPDATE OR DELETE ON "DefinitionChange"
  FOR EACH ROW EXECUTE FUNCTION candor_refuse_change();

CREATE TRIGGER "catalogue_definitionchange" AFTER INSERT OR UPDATE OR DELETE ON "DefinitionChange"
  FOR EACH STATEMENT EXECUTE FUNCTION candor_bump_catalogue();

CREATE TRIGGER "catalogue_documentsegment" AFTER INSERT OR UPDATE OR DELETE ON "DocumentSegment"
  FOR EACH STATEMENT EXECUTE FUNCTION candor_bump_catalogue();

CREATE TRIGGER "catalogue_segment" AFTER INSERT OR UPDATE OR DELETE ON "Segment"
  FOR EACH STATEMENT EXECUTE FUNCTION candor_bump_catalogue();
