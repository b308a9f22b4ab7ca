-- Append-only history is enforced by the database itself, not by convention:
-- any UPDATE, DELETE or TRUNCATE on these tables raises.
CREATE FUNCTION refuse_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER party_status_history_append_only
  BEFORE UPDATE OR DELETE ON party_status_history
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER party_status_history_no_truncate
  BEFORE TRUNCATE ON party_status_history
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER reference_codes_append_only
  BEFORE UPDATE OR DELETE ON reference_codes
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
