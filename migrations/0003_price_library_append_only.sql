-- A price-library version is a frozen snapshot: its product types and bands never change once
-- written, so a stored match replays against exactly what it used. Match records and customs
-- exchange rates are history too. refuse_mutation() is defined in 0001_append_only.sql.
CREATE TRIGGER price_library_product_types_append_only
  BEFORE UPDATE OR DELETE ON price_library_product_types
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER price_library_product_types_no_truncate
  BEFORE TRUNCATE ON price_library_product_types
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER price_library_bands_append_only
  BEFORE UPDATE OR DELETE ON price_library_bands
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER price_library_bands_no_truncate
  BEFORE TRUNCATE ON price_library_bands
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER price_match_records_append_only
  BEFORE UPDATE OR DELETE ON price_match_records
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER price_match_records_no_truncate
  BEFORE TRUNCATE ON price_match_records
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER customs_exchange_rates_append_only
  BEFORE UPDATE OR DELETE ON customs_exchange_rates
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER customs_exchange_rates_no_truncate
  BEFORE TRUNCATE ON customs_exchange_rates
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- A version's status only moves forward: proposed → active | rejected, active → superseded;
-- its snapshot-defining columns never change after insert.
CREATE FUNCTION price_library_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'price_library_versions rows are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT ((OLD.status = NEW.status)
       OR (OLD.status = 'proposed' AND NEW.status IN ('active', 'rejected'))
       OR (OLD.status = 'active' AND NEW.status = 'superseded')) THEN
    RAISE EXCEPTION 'price library version % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.label, NEW.source, NEW.demo, NEW.effective_from, NEW.band_policies, NEW.default_band_policy,
      NEW.base_version_id, NEW.source_ref, NEW.product_type_count, NEW.band_count, NEW.created_at)
     IS DISTINCT FROM
     (OLD.label, OLD.source, OLD.demo, OLD.effective_from, OLD.band_policies, OLD.default_band_policy,
      OLD.base_version_id, OLD.source_ref, OLD.product_type_count, OLD.band_count, OLD.created_at) THEN
    RAISE EXCEPTION 'the snapshot of price library version % is frozen', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER price_library_versions_guard
  BEFORE UPDATE OR DELETE ON price_library_versions
  FOR EACH ROW EXECUTE FUNCTION price_library_versions_guard();
--> statement-breakpoint
CREATE TRIGGER price_library_versions_no_truncate
  BEFORE TRUNCATE ON price_library_versions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
