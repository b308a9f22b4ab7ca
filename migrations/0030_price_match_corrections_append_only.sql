-- Staff corrections of stored matches are history: a later correction is a new row, never an edit.
-- refuse_mutation() is defined in 0001_append_only.sql.
CREATE TRIGGER price_match_corrections_append_only
  BEFORE UPDATE OR DELETE ON price_match_corrections
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER price_match_corrections_no_truncate
  BEFORE TRUNCATE ON price_match_corrections
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
