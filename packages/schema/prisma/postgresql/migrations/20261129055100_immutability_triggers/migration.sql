-- Hand-written (no datamodel change): published records are immutable, enforced by the database
-- as well as by the domain checks. Corrections are new versions; a withdrawal is a new row.

CREATE FUNCTION candor_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'candor: % on % is refused: the row is immutable', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;

-- Children (clauses, explanations, facts) of a published parent. TG_ARGV: parent table, foreign key.
CREATE FUNCTION candor_refuse_published_child() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_id text;
  parent_status text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    parent_id := to_jsonb(NEW) ->> TG_ARGV[1];
  ELSE
    parent_id := to_jsonb(OLD) ->> TG_ARGV[1];
  END IF;
  EXECUTE format('SELECT "status"::text FROM %I WHERE "id" = $1', TG_ARGV[0]) INTO parent_status USING parent_id;
  IF parent_status = 'PUBLISHED' THEN
    RAISE EXCEPTION 'candor: % on % is refused: its % is published and immutable', TG_OP, TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "version_published_immutable" BEFORE UPDATE OR DELETE ON "Version"
  FOR EACH ROW WHEN (OLD."status" = 'PUBLISHED') EXECUTE FUNCTION candor_refuse_change();

CREATE TRIGGER "aifeaturerevision_published_immutable" BEFORE UPDATE OR DELETE ON "AiFeatureRevision"
  FOR EACH ROW WHEN (OLD."status" = 'PUBLISHED') EXECUTE FUNCTION candor_refuse_change();

CREATE TRIGGER "clause_published_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "Clause"
  FOR EACH ROW EXECUTE FUNCTION candor_refuse_published_child('Version', 'versionId');

CREATE TRIGGER "explanation_published_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "Explanation"
  FOR EACH ROW EXECUTE FUNCTION candor_refuse_published_child('Version', 'versionId');

CREATE TRIGGER "aifeaturefacts_published_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "AiFeatureFacts"
  FOR EACH ROW EXECUTE FUNCTION candor_refuse_published_child('AiFeatureRevision', 'revisionId');

CREATE TRIGGER "changelog_append_only" BEFORE UPDATE OR DELETE ON "Changelog"
  FOR EACH ROW EXECUTE FUNCTION candor_refuse_change();

CREATE TRIGGER "withdrawal_append_only" BEFORE UPDATE OR DELETE ON "Withdrawal"
  FOR EACH ROW EXECUTE FUNCTION candor_refuse_change();

CREATE TRIGGER "checkpoint_append_only" BEFORE UPDATE OR DELETE ON "Checkpoint"
  FOR EACH ROW EXECUTE FUNCTION candor_refuse_change();

CREATE TRIGGER "auditevent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION candor_refuse_change();

CREATE TRIGGER "consentstat_append_only" BEFORE UPDATE OR DELETE ON "ConsentStat"
  FOR EACH ROW EXECUTE FUNCTION candor_refuse_change();

CREATE TRIGGER "consentimport_append_only" BEFORE UPDATE OR DELETE ON "ConsentImport"
  FOR EACH ROW EXECUTE FUNCTION candor_refuse_change();
