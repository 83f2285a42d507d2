-- Hand-written (no datamodel change): published records are immutable, enforced by the database
-- as well as by the domain checks. Corrections are new versions; a withdrawal is a new row.

CREATE TRIGGER "version_published_no_update" BEFORE UPDATE ON "Version" FOR EACH ROW WHEN OLD."status" = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: published Version rows are immutable'); END;

CREATE TRIGGER "version_published_no_delete" BEFORE DELETE ON "Version" FOR EACH ROW WHEN OLD."status" = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: published Version rows are immutable'); END;

CREATE TRIGGER "aifeaturerevision_published_no_update" BEFORE UPDATE ON "AiFeatureRevision" FOR EACH ROW WHEN OLD."status" = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: published AiFeatureRevision rows are immutable'); END;

CREATE TRIGGER "aifeaturerevision_published_no_delete" BEFORE DELETE ON "AiFeatureRevision" FOR EACH ROW WHEN OLD."status" = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: published AiFeatureRevision rows are immutable'); END;

CREATE TRIGGER "clause_published_no_update" BEFORE UPDATE ON "Clause" FOR EACH ROW WHEN (SELECT "status" FROM "Version" WHERE "id" = OLD."versionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: Clause rows of a published record are immutable'); END;

CREATE TRIGGER "clause_published_no_delete" BEFORE DELETE ON "Clause" FOR EACH ROW WHEN (SELECT "status" FROM "Version" WHERE "id" = OLD."versionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: Clause rows of a published record are immutable'); END;

CREATE TRIGGER "clause_published_no_insert" BEFORE INSERT ON "Clause" FOR EACH ROW WHEN (SELECT "status" FROM "Version" WHERE "id" = NEW."versionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: Clause rows cannot be added to a published record'); END;

CREATE TRIGGER "explanation_published_no_update" BEFORE UPDATE ON "Explanation" FOR EACH ROW WHEN (SELECT "status" FROM "Version" WHERE "id" = OLD."versionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: Explanation rows of a published record are immutable'); END;

CREATE TRIGGER "explanation_published_no_delete" BEFORE DELETE ON "Explanation" FOR EACH ROW WHEN (SELECT "status" FROM "Version" WHERE "id" = OLD."versionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: Explanation rows of a published record are immutable'); END;

CREATE TRIGGER "explanation_published_no_insert" BEFORE INSERT ON "Explanation" FOR EACH ROW WHEN (SELECT "status" FROM "Version" WHERE "id" = NEW."versionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: Explanation rows cannot be added to a published record'); END;

CREATE TRIGGER "aifeaturefacts_published_no_update" BEFORE UPDATE ON "AiFeatureFacts" FOR EACH ROW WHEN (SELECT "status" FROM "AiFeatureRevision" WHERE "id" = OLD."revisionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: AiFeatureFacts rows of a published record are immutable'); END;

CREATE TRIGGER "aifeaturefacts_published_no_delete" BEFORE DELETE ON "AiFeatureFacts" FOR EACH ROW WHEN (SELECT "status" FROM "AiFeatureRevision" WHERE "id" = OLD."revisionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: AiFeatureFacts rows of a published record are immutable'); END;

CREATE TRIGGER "aifeaturefacts_published_no_insert" BEFORE INSERT ON "AiFeatureFacts" FOR EACH ROW WHEN (SELECT "status" FROM "AiFeatureRevision" WHERE "id" = NEW."revisionId") = 'PUBLISHED'
BEGIN SELECT RAISE(ABORT, 'candor: AiFeatureFacts rows cannot be added to a published record'); END;

CREATE TRIGGER "changelog_no_update" BEFORE UPDATE ON "Changelog" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: Changelog rows are append-only'); END;

CREATE TRIGGER "changelog_no_delete" BEFORE DELETE ON "Changelog" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: Changelog rows are append-only'); END;

CREATE TRIGGER "withdrawal_no_update" BEFORE UPDATE ON "Withdrawal" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: Withdrawal rows are append-only'); END;

CREATE TRIGGER "withdrawal_no_delete" BEFORE DELETE ON "Withdrawal" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: Withdrawal rows are append-only'); END;

CREATE TRIGGER "checkpoint_no_update" BEFORE UPDATE ON "Checkpoint" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: Checkpoint rows are append-only'); END;

CREATE TRIGGER "checkpoint_no_delete" BEFORE DELETE ON "Checkpoint" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: Checkpoint rows are append-only'); END;

CREATE TRIGGER "auditevent_no_update" BEFORE UPDATE ON "AuditEvent" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: AuditEvent rows are append-only'); END;

CREATE TRIGGER "auditevent_no_delete" BEFORE DELETE ON "AuditEvent" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: AuditEvent rows are append-only'); END;

CREATE TRIGGER "consentstat_no_update" BEFORE UPDATE ON "ConsentStat" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: ConsentStat rows are append-only'); END;

CREATE TRIGGER "consentstat_no_delete" BEFORE DELETE ON "ConsentStat" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: ConsentStat rows are append-only'); END;

CREATE TRIGGER "consentimport_no_update" BEFORE UPDATE ON "ConsentImport" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: ConsentImport rows are append-only'); END;

CREATE TRIGGER "consentimport_no_delete" BEFORE DELETE ON "ConsentImport" FOR EACH ROW
BEGIN SELECT RAISE(ABORT, 'candor: ConsentImport rows are append-only'); END;
