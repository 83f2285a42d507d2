-- CreateTable
CREATE TABLE "CatalogueGeneration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "value" INTEGER NOT NULL DEFAULT 0
);


-- Hand-written: the database raises the catalogue generation itself, so every write that can
-- change what the public catalogue holds — through the API, the CLI, a script or by hand — is
-- seen by every API process on its next request (src/schema/catalogue.ts). Drafts do not count:
-- the catalogue holds published rows only.
INSERT INTO "CatalogueGeneration" ("id", "value") VALUES (1, 0);

CREATE TRIGGER "catalogue_document_insert" AFTER INSERT ON "Document"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_document_update" AFTER UPDATE ON "Document"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_document_delete" AFTER DELETE ON "Document"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "catalogue_version_insert" AFTER INSERT ON "Version" WHEN NEW."status" = 'PUBLISHED'
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_version_update" AFTER UPDATE ON "Version" WHEN NEW."status" = 'PUBLISHED' OR OLD."status" = 'PUBLISHED'
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_version_delete" AFTER DELETE ON "Version" WHEN OLD."status" = 'PUBLISHED'
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "catalogue_changelog_insert" AFTER INSERT ON "Changelog"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_changelog_update" AFTER UPDATE ON "Changelog"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalogue_changelog_delete" AFTER DELETE ON "Changelog"
BEGIN UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;

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
