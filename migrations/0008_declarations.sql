CREATE TABLE "declaration_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"declaration_id" uuid NOT NULL,
	"event" jsonb NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_org_id" uuid NOT NULL,
	"actor_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_lines" (
	"declaration_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"hs_code" text NOT NULL,
	"name" text NOT NULL,
	"quantity" numeric(24, 6) NOT NULL,
	"unit" text NOT NULL,
	"value" numeric(20, 2) NOT NULL,
	"currency" text NOT NULL,
	"value_usd" numeric(20, 2) NOT NULL,
	"merged" boolean NOT NULL,
	"quantity_note" text,
	"source_line_ids" uuid[] NOT NULL,
	CONSTRAINT "declaration_lines_declaration_id_line_no_pk" PRIMARY KEY("declaration_id","line_no"),
	CONSTRAINT "declaration_lines_line_no_check" CHECK ("declaration_lines"."line_no" between 1 and 50)
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consolidation_id" uuid NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"operator_id" uuid NOT NULL,
	"supervision_mode" text DEFAULT '1039' NOT NULL,
	"currency" text NOT NULL,
	"total_value" numeric(20, 2) NOT NULL,
	"total_value_usd" numeric(20, 2) NOT NULL,
	"rate_month" text NOT NULL,
	"cny_per_usd" numeric(18, 6) NOT NULL,
	"cny_per_unit" numeric(18, 6) NOT NULL,
	"simplify_requested" boolean NOT NULL,
	"simplified" boolean NOT NULL,
	"line_count" integer NOT NULL,
	"correspondence" jsonb NOT NULL,
	"status" text NOT NULL,
	"state" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declarations_supervision_mode_check" CHECK ("declarations"."supervision_mode" = '1039'),
	CONSTRAINT "declarations_status_check" CHECK ("declarations"."status" in ('draft','submitted','accepted','released','exported','rejected','withdrawn')),
	CONSTRAINT "declarations_cap_check" CHECK ("declarations"."total_value_usd" <= 150000.00)
);
--> statement-breakpoint
ALTER TABLE "declaration_events" ADD CONSTRAINT "declaration_events_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_events" ADD CONSTRAINT "declaration_events_actor_org_id_organisations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_lines" ADD CONSTRAINT "declaration_lines_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_consolidation_id_consolidations_id_fk" FOREIGN KEY ("consolidation_id") REFERENCES "public"."consolidations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "declaration_events_declaration_idx" ON "declaration_events" USING btree ("declaration_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "declarations_consolidation_live_uq" ON "declarations" USING btree ("consolidation_id") WHERE "declarations"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "declarations_operator_created_idx" ON "declarations" USING btree ("operator_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "declarations_created_idx" ON "declarations" USING btree ("created_at","id");