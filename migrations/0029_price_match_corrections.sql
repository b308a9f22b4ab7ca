CREATE TABLE "price_match_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"match_record_id" uuid NOT NULL,
	"hs_code" text NOT NULL,
	"reason" text NOT NULL,
	"corrected_by_org_id" uuid NOT NULL,
	"corrected_by_key_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_match_corrections_hs_code_check" CHECK ("price_match_corrections"."hs_code" ~ '^[0-9]{8}([0-9]{2})?$')
);
--> statement-breakpoint
ALTER TABLE "price_match_corrections" ADD CONSTRAINT "price_match_corrections_match_record_id_price_match_records_id_fk" FOREIGN KEY ("match_record_id") REFERENCES "public"."price_match_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_match_corrections" ADD CONSTRAINT "price_match_corrections_corrected_by_org_id_organisations_id_fk" FOREIGN KEY ("corrected_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "price_match_corrections_match_idx" ON "price_match_corrections" USING btree ("match_record_id","created_at");