-- Transfers are append-only (ARCHITECTURE §3.6): a correction is a new transfer, never an edit.
-- refuse_mutation() is defined in 0001_append_only.sql.
CREATE TRIGGER ledger_transfers_append_only
  BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_no_truncate
  BEFORE TRUNCATE ON ledger_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- An account is never deleted and its identity and limits are frozen; only the four materialised
-- balances move (by the transfer that moves them, in the same transaction).
CREATE FUNCTION ledger_accounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ledger_accounts rows are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.code, NEW.kind, NEW.currency, NEW.debits_must_not_exceed_credits,
      NEW.credits_must_not_exceed_debits, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.code, OLD.kind, OLD.currency, OLD.debits_must_not_exceed_credits,
      OLD.credits_must_not_exceed_debits, OLD.created_at) THEN
    RAISE EXCEPTION 'the identity and limits of ledger account % are frozen', OLD.code
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_guard
  BEFORE UPDATE OR DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_accounts_guard();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_truncate
  BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_mutation();
--> statement-breakpoint
-- Voids pending transfers whose timeout has passed by the database clock (now(), never a caller's
-- instant), at most `batch` per call; returns the ids of the pending transfers it voided. A job calls
-- it on a schedule. The void's id is derived from the pending id, so two jobs racing write one void,
-- and a post racing the job is decided by the unique index on pending_id: whichever commits first.
CREATE FUNCTION ledger_expire_pending(batch integer DEFAULT 1000) RETURNS SETOF uuid
LANGUAGE plpgsql AS $$
DECLARE
  candidates uuid[];
  p record;
BEGIN
  candidates := ARRAY(
    SELECT t.id FROM ledger_transfers t
     WHERE t.kind = 'pending' AND t.expires_at <= now()
       AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.pending_id = t.id)
     ORDER BY t.expires_at, t.id
     LIMIT batch);
  -- Lock every account of the batch lowest id first, before writing, as createTransfer does, so the
  -- job and concurrent transfers cannot deadlock.
  PERFORM 1 FROM ledger_accounts a
   WHERE a.id IN (SELECT t.debit_account_id FROM ledger_transfers t WHERE t.id = ANY (candidates)
                  UNION SELECT t.credit_account_id FROM ledger_transfers t WHERE t.id = ANY (candidates))
   ORDER BY a.id FOR UPDATE;
  FOR p IN SELECT * FROM ledger_transfers t WHERE t.id = ANY (candidates) ORDER BY t.expires_at, t.id LOOP
    INSERT INTO ledger_transfers (id, kind, debit_account_id, credit_account_id, amount, pending_id, reason)
    VALUES (md5('ledger-expire:' || p.id::text)::uuid, 'void_pending', p.debit_account_id,
            p.credit_account_id, p.amount, p.id, 'expired')
    ON CONFLICT DO NOTHING;
    IF FOUND THEN
      UPDATE ledger_accounts SET debits_pending = debits_pending - p.amount WHERE id = p.debit_account_id;
      UPDATE ledger_accounts SET credits_pending = credits_pending - p.amount WHERE id = p.credit_account_id;
      RETURN NEXT p.id;
    END IF;
  END LOOP;
END;
$$;
