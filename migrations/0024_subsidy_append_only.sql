-- The fund's history: claim lines and what funds them, claim events, coverage reports, differences found by
-- later runs, audit samples and findings, policy claims and runs are never changed or removed. Corrections
-- are new rows (a difference, a reduction event, an adjusted finding).
CREATE TRIGGER subsidy_claim_lines_append_only
  BEFORE UPDATE OR DELETE ON subsidy_claim_lines
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_claim_lines_no_truncate
  BEFORE TRUNCATE ON subsidy_claim_lines
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_claim_line_sources_append_only
  BEFORE UPDATE OR DELETE ON subsidy_claim_line_sources
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_claim_line_sources_no_truncate
  BEFORE TRUNCATE ON subsidy_claim_line_sources
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_claim_events_append_only
  BEFORE UPDATE OR DELETE ON subsidy_claim_events
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_claim_events_no_truncate
  BEFORE TRUNCATE ON subsidy_claim_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_coverage_append_only
  BEFORE UPDATE OR DELETE ON subsidy_coverage
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_coverage_no_truncate
  BEFORE TRUNCATE ON subsidy_coverage
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_claim_differences_append_only
  BEFORE UPDATE OR DELETE ON subsidy_claim_differences
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_claim_differences_no_truncate
  BEFORE TRUNCATE ON subsidy_claim_differences
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_audit_findings_append_only
  BEFORE UPDATE OR DELETE ON subsidy_audit_findings
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_audit_findings_no_truncate
  BEFORE TRUNCATE ON subsidy_audit_findings
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_audit_samples_append_only
  BEFORE UPDATE OR DELETE ON subsidy_audit_samples
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_audit_samples_no_truncate
  BEFORE TRUNCATE ON subsidy_audit_samples
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_policy_claims_append_only
  BEFORE UPDATE OR DELETE ON subsidy_policy_claims
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_policy_claims_no_truncate
  BEFORE TRUNCATE ON subsidy_policy_claims
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_runs_append_only
  BEFORE UPDATE OR DELETE ON subsidy_runs
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER subsidy_runs_no_truncate
  BEFORE TRUNCATE ON subsidy_runs
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- A programme version's document never changes once written: only its decision (status, who, when, why).
CREATE FUNCTION subsidy_programme_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.document IS DISTINCT FROM OLD.document OR NEW.canonical IS DISTINCT FROM OLD.canonical
     OR NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.effective_from IS DISTINCT FROM OLD.effective_from
     OR NEW.label IS DISTINCT FROM OLD.label OR OLD.status <> 'proposed' THEN
    RAISE EXCEPTION 'subsidy programme version % is frozen', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER subsidy_programme_versions_frozen
  BEFORE UPDATE OR DELETE ON subsidy_programme_versions
  FOR EACH ROW EXECUTE FUNCTION subsidy_programme_versions_frozen();
--> statement-breakpoint
INSERT INTO subsidy_audit_kinds (code, name_zh, name_en, samples_lines) VALUES
  ('payout_batch_special', '专项资金拨付批次专项审计(鉴证)', 'Special audit of a payout batch: claimed exports, FX and containers', true),
  ('fund_compliance', '资金使用合规性审计', 'Compliance of fund use with the management measure', true),
  ('fund_financial', '资金财务收支审计', 'Financial revenue and expenditure audit of the fund', false),
  ('tracking', '年度跟踪审计', 'Tracking audit during the year', true),
  ('year_end', '决算(结项)审计', 'Year-end (closing) audit', false),
  ('performance', '资金绩效评价', 'Performance evaluation of the fund', false);
