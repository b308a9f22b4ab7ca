-- The payout history is never changed or removed (ARCHITECTURE §3.6): payment events, bank callbacks as
-- received, reconciliation reports and clawbacks. Corrections are new rows (and new ledger transfers).
-- refuse_mutation() is defined in 0001_append_only.sql.
CREATE TRIGGER payout_payment_events_append_only
  BEFORE UPDATE OR DELETE ON payout_payment_events
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER payout_payment_events_no_truncate
  BEFORE TRUNCATE ON payout_payment_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER payout_callbacks_append_only
  BEFORE UPDATE OR DELETE ON payout_callbacks
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER payout_callbacks_no_truncate
  BEFORE TRUNCATE ON payout_callbacks
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER payout_reconciliations_append_only
  BEFORE UPDATE OR DELETE ON payout_reconciliations
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER payout_clawbacks_append_only
  BEFORE UPDATE OR DELETE ON payout_clawbacks
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER payout_payee_accounts_append_only
  BEFORE UPDATE OR DELETE ON payout_payee_accounts
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- A payment's identity is frozen: only its status, stuck marks, version and updated_at move, and a
-- paid, retried or cancelled payment never changes status again.
CREATE FUNCTION payout_payments_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payout_payments rows are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.claim_id, NEW.attempt, NEW.batch_id, NEW.operator_org_id, NEW.period_id, NEW.year,
      NEW.amount_fen, NEW.reservation_id, NEW.instruction_id, NEW.payee_account_number, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.claim_id, OLD.attempt, OLD.batch_id, OLD.operator_org_id, OLD.period_id, OLD.year,
      OLD.amount_fen, OLD.reservation_id, OLD.instruction_id, OLD.payee_account_number, OLD.created_at) THEN
    RAISE EXCEPTION 'the identity of payment % is frozen', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status IN ('paid', 'retried', 'cancelled') AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'payment % is % and final', OLD.id, OLD.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payout_payments_guard
  BEFORE UPDATE OR DELETE ON payout_payments
  FOR EACH ROW EXECUTE FUNCTION payout_payments_guard();
--> statement-breakpoint
CREATE TRIGGER payout_payments_no_truncate
  BEFORE TRUNCATE ON payout_payments
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
