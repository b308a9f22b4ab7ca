CREATE TABLE "customs_exchange_rates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"month" text NOT NULL,
	"cny_per_unit" numeric(18, 6) NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by_org_id" uuid,
	"created_by_key_id" uuid,
	CONSTRAINT "customs_exchange_rates_currency_month_uq" UNIQUE("currency","month"),
	CONSTRAINT "customs_exchange_rates_month_check" CHECK ("customs_exchange_rates"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "customs_exchange_rates_rate_check" CHECK ("customs_exchange_rates"."cny_per_unit" > 0)
);
--> statement-breakpoint
CREATE TABLE "price_library_bands" (
	"version_id" uuid NOT NULL,
	"product_type_code" text NOT NULL,
	"unit" text NOT NULL,
	"currency" text NOT NULL,
	"median" numeric(18, 6) NOT NULL,
	"q1" numeric(18, 6) NOT NULL,
	"q3" numeric(18, 6) NOT NULL,
	"sample_size" integer NOT NULL,
	"window_from" date NOT NULL,
	"window_to" date NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "price_library_bands_version_id_product_type_code_unit_pk" PRIMARY KEY("version_id","product_type_code","unit"),
	CONSTRAINT "price_library_bands_order_check" CHECK (0 < "price_library_bands"."q1" and "price_library_bands"."q1" <= "price_library_bands"."median" and "price_library_bands"."median" <= "price_library_bands"."q3"),
	CONSTRAINT "price_library_bands_sample_check" CHECK ("price_library_bands"."sample_size" >= 0),
	CONSTRAINT "price_library_bands_window_check" CHECK ("price_library_bands"."window_from" <= "price_library_bands"."window_to")
);
--> statement-breakpoint
CREATE TABLE "price_library_product_types" (
	"version_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"aliases" text[] NOT NULL,
	"hs_code" text NOT NULL,
	"hs8" text NOT NULL,
	"unit1" text NOT NULL,
	"unit2" text,
	"default_unit" text NOT NULL,
	"category" text NOT NULL,
	CONSTRAINT "price_library_product_types_version_id_code_pk" PRIMARY KEY("version_id","code")
);
--> statement-breakpoint
CREATE TABLE "price_library_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"band_policies" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"default_band_policy" jsonb NOT NULL,
	"base_version_id" uuid,
	"source_ref" text,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"product_type_count" integer NOT NULL,
	"band_count" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by_org_id" uuid,
	"created_by_key_id" uuid,
	"decided_at" timestamp (3) with time zone,
	"decided_by_org_id" uuid,
	"decided_by_key_id" uuid,
	"decision_reason" text,
	"superseded_at" timestamp (3) with time zone,
	CONSTRAINT "price_library_versions_label_unique" UNIQUE("label"),
	CONSTRAINT "price_library_versions_source_ref_unique" UNIQUE("source_ref"),
	CONSTRAINT "price_library_versions_status_check" CHECK ("price_library_versions"."status" in ('proposed','active','rejected','superseded')),
	CONSTRAINT "price_library_versions_source_check" CHECK ("price_library_versions"."source" in ('seed-demo','import','adjustment','catalogue'))
);
--> statement-breakpoint
CREATE TABLE "price_match_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"description" text NOT NULL,
	"request" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_observations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"product_type_code" text NOT NULL,
	"unit" text NOT NULL,
	"currency" text NOT NULL,
	"unit_price" numeric(18, 6) NOT NULL,
	"observed_on" date NOT NULL,
	"source" text NOT NULL,
	"source_ref" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_observations_source_ref_unique" UNIQUE("source_ref"),
	CONSTRAINT "price_observations_source_check" CHECK ("price_observations"."source" in ('transaction','survey')),
	CONSTRAINT "price_observations_price_check" CHECK ("price_observations"."unit_price" > 0)
);
--> statement-breakpoint
ALTER TABLE "customs_exchange_rates" ADD CONSTRAINT "customs_exchange_rates_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_library_bands" ADD CONSTRAINT "price_library_bands_version_id_price_library_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."price_library_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_library_product_types" ADD CONSTRAINT "price_library_product_types_version_id_price_library_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."price_library_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_library_versions" ADD CONSTRAINT "price_library_versions_base_version_id_price_library_versions_id_fk" FOREIGN KEY ("base_version_id") REFERENCES "public"."price_library_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_library_versions" ADD CONSTRAINT "price_library_versions_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_library_versions" ADD CONSTRAINT "price_library_versions_decided_by_org_id_organisations_id_fk" FOREIGN KEY ("decided_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_match_records" ADD CONSTRAINT "price_match_records_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_match_records" ADD CONSTRAINT "price_match_records_version_id_price_library_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."price_library_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customs_exchange_rates_month_idx" ON "customs_exchange_rates" USING btree ("month","currency");--> statement-breakpoint
CREATE INDEX "price_library_product_types_hs_idx" ON "price_library_product_types" USING btree ("version_id","hs_code");--> statement-breakpoint
CREATE INDEX "price_library_product_types_category_idx" ON "price_library_product_types" USING btree ("version_id","category","code");--> statement-breakpoint
CREATE UNIQUE INDEX "price_library_versions_one_active" ON "price_library_versions" USING btree ("status") WHERE "price_library_versions"."status" = 'active';--> statement-breakpoint
CREATE INDEX "price_library_versions_created_idx" ON "price_library_versions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "price_match_records_org_created_idx" ON "price_match_records" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "price_observations_observed_idx" ON "price_observations" USING btree ("observed_on","product_type_code");