-- A declaration's goods, values and rates are frozen once built; only its lifecycle state moves,
-- and every move is kept in declaration_events (append-only). Declared lines never change.
CREATE TRIGGER declaration_events_append_only
  BEFORE UPDATE OR DELETE ON declaration_events
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER declaration_events_no_truncate
  BEFORE TRUNCATE ON declaration_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER declaration_lines_append_only
  BEFORE UPDATE OR DELETE ON declaration_lines
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER declaration_lines_no_truncate
  BEFORE TRUNCATE ON declaration_lines
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE FUNCTION declarations_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'declarations are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (to_jsonb(NEW) - 'status' - 'state' - 'version' - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'state' - 'version' - 'updated_at') THEN
    RAISE EXCEPTION 'the content of declaration % is frozen; only its state changes', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER declarations_guard
  BEFORE UPDATE OR DELETE ON declarations
  FOR EACH ROW EXECUTE FUNCTION declarations_guard();
--> statement-breakpoint
CREATE TRIGGER declarations_no_truncate
  BEFORE TRUNCATE ON declarations
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
