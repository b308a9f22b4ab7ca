CREATE TABLE "payout_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_batches_period_unique" UNIQUE("period_id")
);
--> statement-breakpoint
CREATE TABLE "payout_callbacks" (
	"instruction_id" text NOT NULL,
	"sequence" bigint NOT NULL,
	"content_hash" text NOT NULL,
	"body" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_callbacks_pk" PRIMARY KEY("instruction_id","sequence")
);
--> statement-breakpoint
CREATE TABLE "payout_clawbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"transfer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"actor_org_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_clawbacks_payment_unique" UNIQUE("payment_id")
);
--> statement-breakpoint
CREATE TABLE "payout_instructions" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"request" jsonb NOT NULL,
	"send_attempts" integer DEFAULT 0 NOT NULL,
	"last_outcome" text,
	"last_detail" text,
	"bank_reference" text,
	"last_sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_instructions_payment_unique" UNIQUE("payment_id")
);
--> statement-breakpoint
CREATE TABLE "payout_payee_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"account_name" text NOT NULL,
	"bank_name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_payment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"detail" jsonb NOT NULL,
	"actor_org_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"batch_id" uuid NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reservation_id" uuid NOT NULL,
	"instruction_id" text NOT NULL,
	"payee_account_number" text,
	"payee_name" text,
	"payee_bank_name" text,
	"status" text NOT NULL,
	"stuck_at" timestamp (3) with time zone,
	"stuck_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_payments_reservation_unique" UNIQUE("reservation_id"),
	CONSTRAINT "payout_payments_instruction_unique" UNIQUE("instruction_id"),
	CONSTRAINT "payout_payments_claim_attempt_unique" UNIQUE("claim_id","attempt"),
	CONSTRAINT "payout_payments_positive" CHECK ("payout_payments"."amount_fen" > 0),
	CONSTRAINT "payout_payments_attempt" CHECK ("payout_payments"."attempt" >= 1)
);
--> statement-breakpoint
CREATE TABLE "payout_reconciliations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_key" text NOT NULL,
	"from_date" text NOT NULL,
	"to_date" text NOT NULL,
	"matched" integer NOT NULL,
	"differences" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_reconciliations_job_key_unique" UNIQUE("job_key")
);
--> statement-breakpoint
ALTER TABLE "payout_batches" ADD CONSTRAINT "payout_batches_period_id_subsidy_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."subsidy_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_clawbacks" ADD CONSTRAINT "payout_clawbacks_payment_id_payout_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payout_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_clawbacks" ADD CONSTRAINT "payout_clawbacks_actor_org_id_organisations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_instructions" ADD CONSTRAINT "payout_instructions_payment_id_payout_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payout_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_payee_accounts" ADD CONSTRAINT "payout_payee_accounts_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_payment_events" ADD CONSTRAINT "payout_payment_events_payment_id_payout_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payout_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_payment_events" ADD CONSTRAINT "payout_payment_events_actor_org_id_organisations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_payments" ADD CONSTRAINT "payout_payments_claim_id_subsidy_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_payments" ADD CONSTRAINT "payout_payments_batch_id_payout_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payout_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_payments" ADD CONSTRAINT "payout_payments_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_payments" ADD CONSTRAINT "payout_payments_period_id_subsidy_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."subsidy_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payout_payee_accounts_org_idx" ON "payout_payee_accounts" USING btree ("operator_org_id","created_at");--> statement-breakpoint
CREATE INDEX "payout_payment_events_payment_idx" ON "payout_payment_events" USING btree ("payment_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_payments_one_paid_per_claim" ON "payout_payments" USING btree ("claim_id") WHERE "payout_payments"."status" = 'paid';--> statement-breakpoint
CREATE UNIQUE INDEX "payout_payments_one_open_per_claim" ON "payout_payments" USING btree ("claim_id") WHERE "payout_payments"."status" in ('created', 'sent', 'failed');--> statement-breakpoint
CREATE INDEX "payout_payments_period_idx" ON "payout_payments" USING btree ("period_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "payout_payments_org_idx" ON "payout_payments" USING btree ("operator_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "payout_payments_open_idx" ON "payout_payments" USING btree ("updated_at") WHERE "payout_payments"."status" in ('created', 'sent');