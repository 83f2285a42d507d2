-- AlterTable
ALTER TABLE "ConsentImport" ADD COLUMN "contentHash" TEXT;
ALTER TABLE "ConsentImport" ADD COLUMN "minimumCellSize" INTEGER;
ALTER TABLE "ConsentImport" ADD COLUMN "previousHash" TEXT;

-- CreateTable
CREATE TABLE "ChangeRebase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT,
    "fromVersionId" TEXT,
    "revisionId" TEXT,
    "fromRevisionId" TEXT,
    "changesJson" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ChangeRebase_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ChangeRebase_fromVersionId_fkey" FOREIGN KEY ("fromVersionId") REFERENCES "Version" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ChangeRebase_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "AiFeatureRevision" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ChangeRebase_fromRevisionId_fkey" FOREIGN KEY ("fromRevisionId") REFERENCES "AiFeatureRevision" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RevisionExplanation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "revisionId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "whatChanges" TEXT NOT NULL DEFAULT '',
    "affected" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "RevisionExplanation_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "AiFeatureRevision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RevisionExplanation_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
-- Hand-added: triggers of earlier migrations on other tables (aifeaturefacts_published_no_update,
-- …) name "AiFeatureRevision"; without the legacy rename, SQLite re-checks every trigger while the
-- table is dropped and refuses the RENAME ("error in trigger …: no such table").
PRAGMA legacy_alter_table=ON;
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Withdrawal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT,
    "revisionId" TEXT,
    "withdrawnAt" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "editorId" TEXT,
    "contentHash" TEXT,
    "previousHash" TEXT,
    CONSTRAINT "Withdrawal_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Withdrawal_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "AiFeatureRevision" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Withdrawal_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Withdrawal" ("editorId", "id", "reason", "versionId", "withdrawnAt") SELECT "editorId", "id", "reason", "versionId", "withdrawnAt" FROM "Withdrawal";
DROP TABLE "Withdrawal";
ALTER TABLE "new_Withdrawal" RENAME TO "Withdrawal";
CREATE UNIQUE INDEX "Withdrawal_versionId_key" ON "Withdrawal"("versionId");
CREATE UNIQUE INDEX "Withdrawal_revisionId_key" ON "Withdrawal"("revisionId");
CREATE UNIQUE INDEX "Withdrawal_previousHash_key" ON "Withdrawal"("previousHash");
CREATE TABLE "new_AiFeature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "noticePeriodDays" INTEGER NOT NULL DEFAULT 30,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_AiFeature" ("createdAt", "description", "id", "name", "position", "slug") SELECT "createdAt", "description", "id", "name", "position", "slug" FROM "AiFeature";
DROP TABLE "AiFeature";
ALTER TABLE "new_AiFeature" RENAME TO "AiFeature";
CREATE UNIQUE INDEX "AiFeature_slug_key" ON "AiFeature"("slug");
CREATE TABLE "new_AiFeatureRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "featureId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "material" BOOLEAN NOT NULL DEFAULT false,
    "changeNote" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "approvedById" TEXT,
    "publishedAt" DATETIME,
    "effectiveAt" DATETIME,
    "contentHash" TEXT,
    "previousHash" TEXT,
    "diffJson" TEXT,
    "fromRevisionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AiFeatureRevision_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "AiFeature" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AiFeatureRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AiFeatureRevision_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AiFeatureRevision" ("approvedById", "authorId", "changeNote", "contentHash", "createdAt", "diffJson", "effectiveAt", "featureId", "id", "number", "previousHash", "publishedAt", "status") SELECT "approvedById", "authorId", "changeNote", "contentHash", "createdAt", "diffJson", "effectiveAt", "featureId", "id", "number", "previousHash", "publishedAt", "status" FROM "AiFeatureRevision";
DROP TABLE "AiFeatureRevision";
ALTER TABLE "new_AiFeatureRevision" RENAME TO "AiFeatureRevision";
CREATE INDEX "AiFeatureRevision_featureId_status_effectiveAt_idx" ON "AiFeatureRevision"("featureId", "status", "effectiveAt");
CREATE UNIQUE INDEX "AiFeatureRevision_featureId_number_key" ON "AiFeatureRevision"("featureId", "number");
CREATE UNIQUE INDEX "AiFeatureRevision_featureId_previousHash_key" ON "AiFeatureRevision"("featureId", "previousHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
PRAGMA legacy_alter_table=OFF;

-- CreateIndex
CREATE INDEX "ChangeRebase_versionId_createdAt_idx" ON "ChangeRebase"("versionId", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRebase_revisionId_createdAt_idx" ON "ChangeRebase"("revisionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RevisionExplanation_revisionId_segmentId_key" ON "RevisionExplanation"("revisionId", "segmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentImport_previousHash_key" ON "ConsentImport"("previousHash");


-- Hand-written. Redefining Withdrawal, AiFeature and AiFeatureRevision above dropped their
-- triggers (SQLite drops a table's triggers with it): re-create them as they were.
CREATE TRIGGER "aifeaturerevision_published_no_update" BEFORE UPDATE ON "AiFeatureRevision" FOR EACH ROW WHEN OLD."status" = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: published AiFeatureRevision rows are immutable'); END;
CREATE TRIGGER "aifeaturerevision_published_no_delete" BEFORE DELETE ON "AiFeatureRevision" FOR EACH ROW WHEN OLD."status" = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: published AiFeatureRevision rows are immutable'); END;
CREATE TRIGGER "withdrawal_no_update" BEFORE UPDATE ON "Withdrawal" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: Withdrawal rows are append-only'); END;
CREATE TRIGGER "withdrawal_no_delete" BEFORE DELETE ON "Withdrawal" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: Withdrawal rows are append-only'); END;
CREATE TRIGGER "catalogue_withdrawal_insert" AFTER INSERT ON "Withdrawal"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_withdrawal_update" AFTER UPDATE ON "Withdrawal"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_withdrawal_delete" AFTER DELETE ON "Withdrawal"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_aifeature_insert" AFTER INSERT ON "AiFeature"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_aifeature_update" AFTER UPDATE ON "AiFeature"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_aifeature_delete" AFTER DELETE ON "AiFeature"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_aifeaturerevision_insert" AFTER INSERT ON "AiFeatureRevision" WHEN NEW."status" = 'PUBLISHED'
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_aifeaturerevision_update" AFTER UPDATE ON "AiFeatureRevision" WHEN NEW."status" = 'PUBLISHED' OR OLD."status" = 'PUBLISHED'
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_aifeaturerevision_delete" AFTER DELETE ON "AiFeatureRevision" WHEN OLD."status" = 'PUBLISHED'
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;

-- Hand-written: a withdrawal withdraws exactly one published record that has not taken effect
-- when it is withdrawn. A withdrawal row written by hand with a back-dated withdrawnAt passes
-- this check but is not in the withdrawals chain and not covered by a checkpoint: integrity.verify
-- reports it (UNCHAINED or ADDED).
CREATE TRIGGER "withdrawal_one_subject" BEFORE INSERT ON "Withdrawal" FOR EACH ROW
WHEN (NEW."versionId" IS NULL) = (NEW."revisionId" IS NULL)
BEGIN SELECT RAISE(ABORT, 'candor: a Withdrawal withdraws exactly one version or one revision'); END;
CREATE TRIGGER "withdrawal_version_not_in_effect" BEFORE INSERT ON "Withdrawal" FOR EACH ROW
WHEN NEW."versionId" IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM "Version" AS v WHERE v."id" = NEW."versionId" AND v."status" = 'PUBLISHED' AND v."effectiveAt" > NEW."withdrawnAt")
BEGIN SELECT RAISE(ABORT, 'candor: only a published version that has not taken effect can be withdrawn'); END;
CREATE TRIGGER "withdrawal_revision_not_in_effect" BEFORE INSERT ON "Withdrawal" FOR EACH ROW
WHEN NEW."revisionId" IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM "AiFeatureRevision" AS r WHERE r."id" = NEW."revisionId" AND r."status" = 'PUBLISHED' AND r."effectiveAt" > NEW."withdrawnAt")
BEGIN SELECT RAISE(ABORT, 'candor: only a published revision that has not taken effect can be withdrawn'); END;

-- Hand-written: explanations of a published revision are immutable, like a version's; rebases are
-- append-only and change what the public catalogue shows.
CREATE TRIGGER "revisionexplanation_published_no_update" BEFORE UPDATE ON "RevisionExplanation" FOR EACH ROW WHEN (SELECT "status" FROM "AiFeatureRevision" WHERE "id" = OLD."revisionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: RevisionExplanation rows of a published record are immutable'); END;
CREATE TRIGGER "revisionexplanation_published_no_delete" BEFORE DELETE ON "RevisionExplanation" FOR EACH ROW WHEN (SELECT "status" FROM "AiFeatureRevision" WHERE "id" = OLD."revisionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: RevisionExplanation rows of a published record are immutable'); END;
CREATE TRIGGER "revisionexplanation_published_no_insert" BEFORE INSERT ON "RevisionExplanation" FOR EACH ROW WHEN (SELECT "status" FROM "AiFeatureRevision" WHERE "id" = NEW."revisionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: RevisionExplanation rows cannot be added to a published record'); END;
CREATE TRIGGER "changerebase_no_update" BEFORE UPDATE ON "ChangeRebase" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: ChangeRebase rows are append-only'); END;
CREATE TRIGGER "changerebase_no_delete" BEFORE DELETE ON "ChangeRebase" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: ChangeRebase rows are append-only'); END;
CREATE TRIGGER "catalogue_changerebase_insert" AFTER INSERT ON "ChangeRebase"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
