-- No double use across levels: a sale is collected either on its transaction or on the declaration of
-- the consolidation it went into, never both. Besides the per-receipt and per-target sums, everything
-- allocated to a consolidation's transactions and to its declarations together must not exceed the
-- value of its goods in that currency. The consolidation row is locked after the receipt and the
-- target, the order the service uses.
CREATE OR REPLACE FUNCTION fx_allocations_no_double_use() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  receipt_amount numeric;
  target_total numeric;
  target_currency text;
  allocated numeric;
  group_id uuid;
  group_value numeric;
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
    SELECT consolidation_id INTO group_id FROM consolidation_transactions WHERE transaction_id = NEW.transaction_id;
  ELSE
    SELECT total_value, currency, consolidation_id INTO target_total, target_currency, group_id FROM declarations WHERE id = NEW.declaration_id FOR NO KEY UPDATE;
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
  IF group_id IS NOT NULL THEN
    PERFORM 1 FROM consolidations WHERE id = group_id FOR NO KEY UPDATE;
    SELECT coalesce(sum(t.total_amount), 0) INTO group_value
      FROM consolidation_transactions ct JOIN transactions t ON t.id = ct.transaction_id
      WHERE ct.consolidation_id = group_id AND t.currency = NEW.currency;
    SELECT coalesce(sum(a.amount), 0) INTO allocated FROM fx_allocations a
      WHERE a.currency = NEW.currency
        AND (a.declaration_id IN (SELECT id FROM declarations WHERE consolidation_id = group_id)
          OR a.transaction_id IN (SELECT transaction_id FROM consolidation_transactions WHERE consolidation_id = group_id));
    IF allocated > group_value THEN
      RAISE EXCEPTION 'consolidation % would be collected % of %', group_id, allocated, group_value
        USING ERRCODE = 'check_violation', CONSTRAINT = 'fx_allocations_target_sum';
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
