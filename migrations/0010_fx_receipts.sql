CREATE TABLE "fx_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receipt_id" uuid NOT NULL,
	"transaction_id" uuid,
	"declaration_id" uuid,
	"currency" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"created_by_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fx_allocations_amount_check" CHECK ("fx_allocations"."amount" > 0),
	CONSTRAINT "fx_allocations_target_check" CHECK (("fx_allocations"."transaction_id" is null) <> ("fx_allocations"."declaration_id" is null))
);
--> statement-breakpoint
CREATE TABLE "fx_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"operator_id" uuid NOT NULL,
	"client_ref" text NOT NULL,
	"bank_name" text NOT NULL,
	"bank_reference" text NOT NULL,
	"payer_name" text NOT NULL,
	"payer_country" text NOT NULL,
	"payer_purchaser_id" uuid,
	"currency" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"value_date" date NOT NULL,
	"agency_receipt" boolean NOT NULL,
	"merchant_id" uuid,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fx_receipts_operator_client_ref_uq" UNIQUE("operator_org_id","client_ref"),
	CONSTRAINT "fx_receipts_bank_reference_uq" UNIQUE("bank_name","bank_reference"),
	CONSTRAINT "fx_receipts_amount_check" CHECK ("fx_receipts"."amount" > 0),
	CONSTRAINT "fx_receipts_receiver_check" CHECK (("fx_receipts"."agency_receipt" and "fx_receipts"."merchant_id" is null) or (not "fx_receipts"."agency_receipt" and "fx_receipts"."merchant_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "fx_allocations" ADD CONSTRAINT "fx_allocations_receipt_id_fx_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."fx_receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fx_allocations" ADD CONSTRAINT "fx_allocations_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fx_allocations" ADD CONSTRAINT "fx_allocations_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fx_receipts" ADD CONSTRAINT "fx_receipts_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fx_receipts" ADD CONSTRAINT "fx_receipts_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fx_receipts" ADD CONSTRAINT "fx_receipts_payer_purchaser_id_purchasers_id_fk" FOREIGN KEY ("payer_purchaser_id") REFERENCES "public"."purchasers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fx_receipts" ADD CONSTRAINT "fx_receipts_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fx_allocations_receipt_idx" ON "fx_allocations" USING btree ("receipt_id","created_at","id");--> statement-breakpoint
CREATE INDEX "fx_allocations_transaction_idx" ON "fx_allocations" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "fx_allocations_declaration_idx" ON "fx_allocations" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "fx_receipts_operator_created_idx" ON "fx_receipts" USING btree ("operator_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "fx_receipts_created_idx" ON "fx_receipts" USING btree ("created_at","id");