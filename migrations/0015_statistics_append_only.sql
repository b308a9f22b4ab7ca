-- Published statistics are frozen: versions, their snapshot rows, restatement changes and the is_count ledger are never changed or removed.
CREATE TRIGGER statistics_versions_append_only
  BEFORE UPDATE OR DELETE ON statistics_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER statistics_versions_no_truncate
  BEFORE TRUNCATE ON statistics_versions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER statistics_snapshot_rows_append_only
  BEFORE UPDATE OR DELETE ON statistics_snapshot_rows
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER statistics_snapshot_rows_no_truncate
  BEFORE TRUNCATE ON statistics_snapshot_rows
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER statistics_restatement_changes_append_only
  BEFORE UPDATE OR DELETE ON statistics_restatement_changes
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER statistics_restatement_changes_no_truncate
  BEFORE TRUNCATE ON statistics_restatement_changes
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER statistics_declaration_counts_append_only
  BEFORE UPDATE OR DELETE ON statistics_declaration_counts
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER statistics_declaration_counts_no_truncate
  BEFORE TRUNCATE ON statistics_declaration_counts
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
