-- Credit history is append-only: facts, retractions, decisions and overrides are never updated or
-- deleted (a correction is a retraction or a new record). refuse_mutation() is defined in 0001_append_only.sql.
CREATE TRIGGER credit_facts_append_only
  BEFORE UPDATE OR DELETE ON credit_facts
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER credit_facts_no_truncate
  BEFORE TRUNCATE ON credit_facts
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER credit_fact_retractions_append_only
  BEFORE UPDATE OR DELETE ON credit_fact_retractions
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER credit_fact_retractions_no_truncate
  BEFORE TRUNCATE ON credit_fact_retractions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER credit_decisions_append_only
  BEFORE UPDATE OR DELETE ON credit_decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER credit_decisions_no_truncate
  BEFORE TRUNCATE ON credit_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER credit_overrides_append_only
  BEFORE UPDATE OR DELETE ON credit_overrides
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER credit_overrides_no_truncate
  BEFORE TRUNCATE ON credit_overrides
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- A scorecard's document and identity are frozen; its status only moves forward:
-- proposed → active | rejected | retired, active → retired.
CREATE FUNCTION credit_scorecards_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'credit_scorecards rows are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT ((OLD.status = NEW.status)
       OR (OLD.status = 'proposed' AND NEW.status IN ('active', 'rejected', 'retired'))
       OR (OLD.status = 'active' AND NEW.status = 'retired')) THEN
    RAISE EXCEPTION 'credit scorecard % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.label, NEW.document, NEW.content_hash, NEW.base_scorecard_id, NEW.effective_from, NEW.created_at)
     IS DISTINCT FROM
     (OLD.label, OLD.document, OLD.content_hash, OLD.base_scorecard_id, OLD.effective_from, OLD.created_at) THEN
    RAISE EXCEPTION 'the document of credit scorecard % is frozen', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER credit_scorecards_guard
  BEFORE UPDATE OR DELETE ON credit_scorecards
  FOR EACH ROW EXECUTE FUNCTION credit_scorecards_guard();
--> statement-breakpoint
CREATE TRIGGER credit_scorecards_no_truncate
  BEFORE TRUNCATE ON credit_scorecards
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- An appeal is decided once: filed → upheld | dismissed; what was filed never changes.
CREATE FUNCTION credit_appeals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'credit_appeals rows are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT (OLD.status = 'filed' AND NEW.status IN ('upheld', 'dismissed'))
     OR (NEW.operator_org_id, NEW.decision_id, NEW.statement, NEW.evidence, NEW.fact_ids, NEW.created_at)
        IS DISTINCT FROM
        (OLD.operator_org_id, OLD.decision_id, OLD.statement, OLD.evidence, OLD.fact_ids, OLD.created_at) THEN
    RAISE EXCEPTION 'credit appeal % is decided once and its filing is frozen', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER credit_appeals_guard
  BEFORE UPDATE OR DELETE ON credit_appeals
  FOR EACH ROW EXECUTE FUNCTION credit_appeals_guard();
