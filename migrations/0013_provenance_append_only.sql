-- The provenance log is history: events, leaves, tree nodes, keys and checkpoints are never changed
-- or removed, by anyone (provenance_pending is the sequencer's work queue and is not history).
CREATE TRIGGER provenance_events_append_only
  BEFORE UPDATE OR DELETE ON provenance_events
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER provenance_events_no_truncate
  BEFORE TRUNCATE ON provenance_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER provenance_leaves_append_only
  BEFORE UPDATE OR DELETE ON provenance_leaves
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER provenance_leaves_no_truncate
  BEFORE TRUNCATE ON provenance_leaves
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER provenance_tree_nodes_append_only
  BEFORE UPDATE OR DELETE ON provenance_tree_nodes
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER provenance_tree_nodes_no_truncate
  BEFORE TRUNCATE ON provenance_tree_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER provenance_signing_keys_append_only
  BEFORE UPDATE OR DELETE ON provenance_signing_keys
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER provenance_signing_keys_no_truncate
  BEFORE TRUNCATE ON provenance_signing_keys
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER provenance_checkpoints_append_only
  BEFORE UPDATE OR DELETE ON provenance_checkpoints
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER provenance_checkpoints_no_truncate
  BEFORE TRUNCATE ON provenance_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- Leaf indices are contiguous from 0 and never reused: each new leaf is exactly the next one. The
-- sequencer holds an advisory lock while appending; this makes any other writer fail loudly.
CREATE FUNCTION provenance_leaves_contiguous() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  next_index bigint;
BEGIN
  SELECT coalesce(max(leaf_index) + 1, 0) INTO next_index FROM provenance_leaves;
  IF NEW.leaf_index <> next_index THEN
    RAISE EXCEPTION 'provenance leaf index % is not the next index %', NEW.leaf_index, next_index
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER provenance_leaves_contiguous
  BEFORE INSERT ON provenance_leaves
  FOR EACH ROW EXECUTE FUNCTION provenance_leaves_contiguous();
--> statement-breakpoint
-- A checkpoint never shrinks the log and only covers leaves that exist.
CREATE FUNCTION provenance_checkpoints_monotonic() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tree_size < coalesce((SELECT max(tree_size) FROM provenance_checkpoints), 0)
     OR NEW.tree_size > coalesce((SELECT max(leaf_index) + 1 FROM provenance_leaves), 0) THEN
    RAISE EXCEPTION 'checkpoint tree size % is behind the last checkpoint or beyond the log', NEW.tree_size
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER provenance_checkpoints_monotonic
  BEFORE INSERT ON provenance_checkpoints
  FOR EACH ROW EXECUTE FUNCTION provenance_checkpoints_monotonic();
