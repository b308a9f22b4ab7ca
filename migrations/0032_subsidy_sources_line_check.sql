-- Every source names an existing claim line: checked once per INSERT statement over its new rows (one anti-join),
-- instead of the foreign key's lookup per row. Lines and sources are append-only (their append-only and
-- no-truncate triggers), so no update or delete can later leave a source without its line.
CREATE FUNCTION subsidy_sources_line_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing uuid;
BEGIN
  SELECT n.line_id INTO missing FROM new_sources n
  WHERE NOT EXISTS (SELECT 1 FROM subsidy_claim_lines l WHERE l.id = n.line_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'subsidy_claim_line_sources: line % does not exist', missing
      USING ERRCODE = 'foreign_key_violation', TABLE = 'subsidy_claim_line_sources',
        CONSTRAINT = 'subsidy_claim_line_sources_line_exists';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER subsidy_claim_line_sources_line_exists
  AFTER INSERT ON subsidy_claim_line_sources
  REFERENCING NEW TABLE AS new_sources
  FOR EACH STATEMENT EXECUTE FUNCTION subsidy_sources_line_exists();
