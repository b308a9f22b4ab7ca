-- Transactions are evidence (来源可溯、责任可究): status history and documents are append-only,
-- a line's recorded content and price-library answer never change, and a transaction head only
-- moves its status. refuse_mutation() is defined in 0001_append_only.sql.
CREATE TRIGGER transaction_status_history_append_only
  BEFORE UPDATE OR DELETE ON transaction_status_history
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER transaction_status_history_no_truncate
  BEFORE TRUNCATE ON transaction_status_history
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER transaction_documents_append_only
  BEFORE UPDATE OR DELETE ON transaction_documents
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER transaction_documents_no_truncate
  BEFORE TRUNCATE ON transaction_documents
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- Only the status columns of a transaction head change; what was sold, to whom, for how much never does.
CREATE FUNCTION transactions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'transactions are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.trading_no, NEW.operator_org_id, NEW.operator_id, NEW.client_ref, NEW.request_hash, NEW.merchant_id,
      NEW.purchaser_id, NEW.trade_date, NEW.settlement_method, NEW.currency, NEW.total_amount, NEW.line_count,
      NEW.remark, NEW.created_by_key_id, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.trading_no, OLD.operator_org_id, OLD.operator_id, OLD.client_ref, OLD.request_hash, OLD.merchant_id,
      OLD.purchaser_id, OLD.trade_date, OLD.settlement_method, OLD.currency, OLD.total_amount, OLD.line_count,
      OLD.remark, OLD.created_by_key_id, OLD.created_at) THEN
    RAISE EXCEPTION 'the content of transaction % is frozen; only its status changes', OLD.trading_no
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transactions_guard
  BEFORE UPDATE OR DELETE ON transactions
  FOR EACH ROW EXECUTE FUNCTION transactions_guard();
--> statement-breakpoint
CREATE TRIGGER transactions_no_truncate
  BEFORE TRUNCATE ON transactions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- A line is written once; consolidation may later set consolidation_id and consolidated_at, once.
CREATE FUNCTION transaction_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'transaction lines are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.consolidation_id IS NOT NULL
     OR (to_jsonb(NEW) - 'consolidation_id' - 'consolidated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'consolidation_id' - 'consolidated_at') THEN
    RAISE EXCEPTION 'transaction line % is frozen (consolidation is recorded once)', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transaction_lines_guard
  BEFORE UPDATE OR DELETE ON transaction_lines
  FOR EACH ROW EXECUTE FUNCTION transaction_lines_guard();
--> statement-breakpoint
CREATE TRIGGER transaction_lines_no_truncate
  BEFORE TRUNCATE ON transaction_lines
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- Excluded-goods entries are effective-dated reference data: never deleted, never rewritten; an
-- open entry (effective_to null) may be closed once by setting effective_to.
CREATE FUNCTION excluded_goods_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'excluded-goods entries are never deleted; close them with effective_to' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.effective_to IS NOT NULL
     OR (to_jsonb(NEW) - 'effective_to') IS DISTINCT FROM (to_jsonb(OLD) - 'effective_to') THEN
    RAISE EXCEPTION 'excluded-goods entry % is frozen; only an open entry may be closed', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER excluded_goods_guard
  BEFORE UPDATE OR DELETE ON excluded_goods
  FOR EACH ROW EXECUTE FUNCTION excluded_goods_guard();
--> statement-breakpoint
CREATE TRIGGER excluded_goods_no_truncate
  BEFORE TRUNCATE ON excluded_goods
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- A real example, labelled as such: in April 2020 epidemic-prevention goods (masks, protective
-- clothing, test kits, ventilators, infrared thermometers) were suspended from export under
-- market procurement (DOMAIN §1.1, "ad-hoc exclusions", source sinowester). Left open-ended:
-- the center confirms the scope and closes the entries when it is lifted.
INSERT INTO excluded_goods (kind, hs_prefix, keyword, reason, source, effective_from) VALUES
  ('suspended', '630790', '口罩', 'Masks: epidemic-prevention goods suspended from market procurement export (2020)',
   'EXAMPLE SEED: 2020-04 epidemic-prevention goods suspension (DOMAIN §1.1, sinowester); confirm with the center', '2020-04-10'),
  ('suspended', '621010', '防护服', 'Protective clothing: epidemic-prevention goods suspended from market procurement export (2020)',
   'EXAMPLE SEED: 2020-04 epidemic-prevention goods suspension (DOMAIN §1.1, sinowester); confirm with the center', '2020-04-10'),
  ('suspended', '3822', '检测试剂', 'Diagnostic test kits: epidemic-prevention goods suspended from market procurement export (2020)',
   'EXAMPLE SEED: 2020-04 epidemic-prevention goods suspension (DOMAIN §1.1, sinowester); confirm with the center', '2020-04-10'),
  ('suspended', '9019', '呼吸机', 'Ventilators: epidemic-prevention goods suspended from market procurement export (2020)',
   'EXAMPLE SEED: 2020-04 epidemic-prevention goods suspension (DOMAIN §1.1, sinowester); confirm with the center', '2020-04-10'),
  ('suspended', '9025', '体温计', 'Thermometers: epidemic-prevention goods suspended from market procurement export (2020)',
   'EXAMPLE SEED: 2020-04 epidemic-prevention goods suspension (DOMAIN §1.1, sinowester); confirm with the center', '2020-04-10'),
  ('suspended', NULL, '额温枪', 'Infrared forehead thermometers: epidemic-prevention goods suspended from market procurement export (2020)',
   'EXAMPLE SEED: 2020-04 epidemic-prevention goods suspension (DOMAIN §1.1, sinowester); confirm with the center', '2020-04-10');
