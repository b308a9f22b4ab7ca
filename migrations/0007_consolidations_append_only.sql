-- A consolidation order is a record of what was shipped together: its head, its transactions with
-- their packing and its containers are written once and never changed or deleted. A line's
-- consolidation_id goes from null to a value once (transaction_lines_guard in 0005).
CREATE TRIGGER consolidations_append_only
  BEFORE UPDATE OR DELETE ON consolidations
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER consolidations_no_truncate
  BEFORE TRUNCATE ON consolidations
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER consolidation_transactions_append_only
  BEFORE UPDATE OR DELETE ON consolidation_transactions
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER consolidation_transactions_no_truncate
  BEFORE TRUNCATE ON consolidation_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER consolidation_containers_append_only
  BEFORE UPDATE OR DELETE ON consolidation_containers
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER consolidation_containers_no_truncate
  BEFORE TRUNCATE ON consolidation_containers
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
