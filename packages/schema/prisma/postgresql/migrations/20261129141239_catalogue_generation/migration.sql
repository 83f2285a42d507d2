-- CreateTable
CREATE TABLE "CatalogueGeneration" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CatalogueGeneration_pkey" PRIMARY KEY ("id")
);


-- Hand-written: the database raises the catalogue generation itself, so every write that can
-- change what the public catalogue holds — through the API, the CLI, a script or by hand — is
-- seen by every API process on its next request (src/schema/catalogue.ts). Drafts do not count:
-- the catalogue holds published rows only.
INSERT INTO "CatalogueGeneration" ("id", "value") VALUES (1, 0);

CREATE FUNCTION candor_bump_catalogue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CatalogueGeneration" SET "value" = "value" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "catalogue_document" AFTER INSERT OR UPDATE OR DELETE ON "Document"
  FOR EACH STATEMENT EXECUTE FUNCTION candor_bump_catalogue();
CREATE TRIGGER "catalogue_changelog" AFTER INSERT OR UPDATE OR DELETE ON "Changelog"
  FOR EACH STATEMENT EXECUTE FUNCTION candor_bump_catalogue();
CREATE TRIGGER "catalogue_withdrawal" AFTER INSERT OR UPDATE OR DELETE ON "Withdrawal"
  FOR EACH STATEMENT EXECUTE FUNCTION candor_bump_catalogue();
CREATE TRIGGER "catalogue_aifeature" AFTER INSERT OR UPDATE OR DELETE ON "AiFeature"
  FOR EACH STATEMENT EXECUTE FUNCTION candor_bump_catalogue();

-- Versions and revisions count only once published (drafts change often and are never public).
CREATE TRIGGER "catalogue_version_written" AFTER INSERT OR UPDATE ON "Version"
  FOR EACH ROW WHEN (NEW."status" = 'PUBLISHED') EXECUTE FUNCTION candor_bump_catalogue();
CREATE TRIGGER "catalogue_version_deleted" AFTER DELETE ON "Version"
  FOR EACH ROW WHEN (OLD."status" = 'PUBLISHED') EXECUTE FUNCTION candor_bump_catalogue();
CREATE TRIGGER "catalogue_aifeaturerevision_written" AFTER INSERT OR UPDATE ON "AiFeatureRevision"
  FOR EACH ROW WHEN (NEW."status" = 'PUBLISHED') EXECUTE FUNCTION candor_bump_catalogue();
CREATE TRIGGER "catalogue_aifeaturerevision_deleted" AFTER DELETE ON "AiFeatureRevision"
  FOR EACH ROW WHEN (OLD."status" = 'PUBLISHED') EXECUTE FUNCTION candor_bump_catalogue();
