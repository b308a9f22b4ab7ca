CREATE SEQUENCE "public"."trading_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "excluded_goods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"hs_prefix" text,
	"keyword" text,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by_org_id" uuid,
	"created_by_key_id" uuid,
	CONSTRAINT "excluded_goods_kind_check" CHECK ("excluded_goods"."kind" in ('prohibited','restricted','suspended')),
	CONSTRAINT "excluded_goods_criterion_check" CHECK ("excluded_goods"."hs_prefix" is not null or "excluded_goods"."keyword" is not null),
	CONSTRAINT "excluded_goods_hs_prefix_check" CHECK ("excluded_goods"."hs_prefix" is null or "excluded_goods"."hs_prefix" ~ '^[0-9]{2,10}$'),
	CONSTRAINT "excluded_goods_dates_check" CHECK ("excluded_goods"."effective_to" is null or "excluded_goods"."effective_from" <= "excluded_goods"."effective_to")
);
--> statement-breakpoint
CREATE TABLE "transaction_documents" (
	"transaction_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "transaction_documents_transaction_id_sha256_pk" PRIMARY KEY("transaction_id","sha256"),
	CONSTRAINT "transaction_documents_sha256_check" CHECK ("transaction_documents"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "transaction_documents_kind_check" CHECK ("transaction_documents"."kind" in ('sales_slip','receipt','contract','other'))
);
--> statement-breakpoint
CREATE TABLE "transaction_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transaction_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"description" text NOT NULL,
	"spec" text,
	"quantity" numeric(18, 6) NOT NULL,
	"unit" text NOT NULL,
	"unit_price" numeric(18, 6) NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"hs_code" text,
	"hs_code_source" text,
	"product_type_code" text,
	"candidates" jsonb NOT NULL,
	"price_check" jsonb NOT NULL,
	"price_library_version_id" uuid NOT NULL,
	"match_record_id" uuid NOT NULL,
	"remark" text,
	"consolidation_id" uuid,
	"consolidated_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transaction_lines_transaction_line_no_uq" UNIQUE("transaction_id","line_no"),
	CONSTRAINT "transaction_lines_quantity_check" CHECK ("transaction_lines"."quantity" > 0),
	CONSTRAINT "transaction_lines_unit_price_check" CHECK ("transaction_lines"."unit_price" > 0),
	CONSTRAINT "transaction_lines_amount_check" CHECK ("transaction_lines"."amount" > 0),
	CONSTRAINT "transaction_lines_hs_source_check" CHECK (("transaction_lines"."hs_code" is null) = ("transaction_lines"."hs_code_source" is null))
);
--> statement-breakpoint
CREATE TABLE "transaction_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transaction_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_org_id" uuid NOT NULL,
	"actor_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trading_no" text NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"operator_id" uuid NOT NULL,
	"client_ref" text NOT NULL,
	"request_hash" text NOT NULL,
	"merchant_id" uuid NOT NULL,
	"purchaser_id" uuid NOT NULL,
	"trade_date" date NOT NULL,
	"settlement_method" text NOT NULL,
	"currency" text NOT NULL,
	"total_amount" numeric(20, 2) NOT NULL,
	"line_count" integer NOT NULL,
	"remark" text,
	"status" text NOT NULL,
	"status_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transactions_trading_no_unique" UNIQUE("trading_no"),
	CONSTRAINT "transactions_operator_client_ref_uq" UNIQUE("operator_org_id","client_ref"),
	CONSTRAINT "transactions_status_check" CHECK ("transactions"."status" in ('submitted','in_review','rejected')),
	CONSTRAINT "transactions_settlement_check" CHECK ("transactions"."settlement_method" in ('bank_transfer','cross_border_rmb')),
	CONSTRAINT "transactions_total_check" CHECK ("transactions"."total_amount" > 0),
	CONSTRAINT "transactions_line_count_check" CHECK ("transactions"."line_count" between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "excluded_goods" ADD CONSTRAINT "excluded_goods_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_documents" ADD CONSTRAINT "transaction_documents_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_lines" ADD CONSTRAINT "transaction_lines_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_lines" ADD CONSTRAINT "transaction_lines_price_library_version_id_price_library_versions_id_fk" FOREIGN KEY ("price_library_version_id") REFERENCES "public"."price_library_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_lines" ADD CONSTRAINT "transaction_lines_match_record_id_price_match_records_id_fk" FOREIGN KEY ("match_record_id") REFERENCES "public"."price_match_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_status_history" ADD CONSTRAINT "transaction_status_history_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_status_history" ADD CONSTRAINT "transaction_status_history_actor_org_id_organisations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_purchaser_id_purchasers_id_fk" FOREIGN KEY ("purchaser_id") REFERENCES "public"."purchasers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "excluded_goods_effective_idx" ON "excluded_goods" USING btree ("effective_from","effective_to");--> statement-breakpoint
CREATE INDEX "excluded_goods_created_idx" ON "excluded_goods" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "transaction_documents_sha256_idx" ON "transaction_documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "transaction_lines_product_type_idx" ON "transaction_lines" USING btree ("product_type_code");--> statement-breakpoint
CREATE INDEX "transaction_lines_hs_idx" ON "transaction_lines" USING btree ("hs_code");--> statement-breakpoint
CREATE INDEX "transaction_status_history_transaction_idx" ON "transaction_status_history" USING btree ("transaction_id","id");--> statement-breakpoint
CREATE INDEX "transactions_operator_created_idx" ON "transactions" USING btree ("operator_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "transactions_created_idx" ON "transactions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "transactions_status_created_idx" ON "transactions" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "transactions_merchant_idx" ON "transactions" USING btree ("merchant_id","trade_date");--> statement-breakpoint
CREATE INDEX "transactions_purchaser_idx" ON "transactions" USING btree ("purchaser_id","trade_date");