-- The line-exists check of a statement's new sources looks each distinct line up once (a period run's
-- COPY of some 50,000 sources names a few thousand lines), not once per source row.
CREATE OR REPLACE FUNCTION subsidy_sources_line_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing uuid;
BEGIN
  SELECT n.line_id INTO missing FROM (SELECT DISTINCT line_id FROM new_sources) n
  WHERE NOT EXISTS (SELECT 1 FROM subsidy_claim_lines l WHERE l.id = n.line_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'subsidy_claim_line_sources: line % does not exist', missing
      USING ERRCODE = 'foreign_key_violation', TABLE = 'subsidy_claim_line_sources',
        CONSTRAINT = 'subsidy_claim_line_sources_line_exists';
  END IF;
  RETURN NULL;
END $$;
