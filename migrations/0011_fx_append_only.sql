-- FX receipts and their allocations are a ledger: rows are never changed or removed.
CREATE TRIGGER fx_receipts_append_only
  BEFORE UPDATE OR DELETE ON fx_receipts
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER fx_receipts_no_truncate
  BEFORE TRUNCATE ON fx_receipts
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER fx_allocations_append_only
  BEFORE UPDATE OR DELETE ON fx_allocations
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER fx_allocations_no_truncate
  BEFORE TRUNCATE ON fx_allocations
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- No double use (防范同一交易信息重复使用): after each allocation, with the receipt and the target
-- locked (receipt first, then target: the order the service uses, so no deadlock), the receipt's
-- allocations must not exceed its amount and the target's must not exceed its total, in its currency.
CREATE FUNCTION fx_allocations_no_double_use() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  receipt_amount numeric;
  target_total numeric;
  target_currency text;
  allocated numeric;
BEGIN
  SELECT amount INTO receipt_amount FROM fx_receipts WHERE id = NEW.receipt_id FOR NO KEY UPDATE;
  SELECT coalesce(sum(amount), 0) INTO allocated FROM fx_allocations WHERE receipt_id = NEW.receipt_id;
  IF allocated > receipt_amount THEN
    RAISE EXCEPTION 'FX receipt % would be allocated % of %', NEW.receipt_id, allocated, receipt_amount
      USING ERRCODE = 'check_violation', CONSTRAINT = 'fx_allocations_receipt_sum';
  END IF;
  IF NEW.transaction_id IS NOT NULL THEN
    SELECT total_amount, currency INTO target_total, target_currency FROM transactions WHERE id = NEW.transaction_id FOR NO KEY UPDATE;
    SELECT coalesce(sum(amount), 0) INTO allocated FROM fx_allocations WHERE transaction_id = NEW.transaction_id;
  ELSE
    SELECT total_value, currency INTO target_total, target_currency FROM declarations WHERE id = NEW.declaration_id FOR NO KEY UPDATE;
    SELECT coalesce(sum(amount), 0) INTO allocated FROM fx_allocations WHERE declaration_id = NEW.declaration_id;
  END IF;
  IF NEW.currency IS DISTINCT FROM target_currency THEN
    RAISE EXCEPTION 'allocation currency % is not the target currency %', NEW.currency, target_currency
      USING ERRCODE = 'check_violation', CONSTRAINT = 'fx_allocations_currency';
  END IF;
  IF allocated > target_total THEN
    RAISE EXCEPTION 'target would be allocated % of %', allocated, target_total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'fx_allocations_target_sum';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER fx_allocations_no_double_use
  AFTER INSERT ON fx_allocations
  FOR EACH ROW EXECUTE FUNCTION fx_allocations_no_double_use();
