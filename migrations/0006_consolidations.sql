CREATE TABLE "consolidation_containers" (
	"consolidation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"seal_no" text NOT NULL,
	CONSTRAINT "consolidation_containers_consolidation_id_position_pk" PRIMARY KEY("consolidation_id","position"),
	CONSTRAINT "consolidation_containers_number_uq" UNIQUE("consolidation_id","number"),
	CONSTRAINT "consolidation_containers_number_check" CHECK ("consolidation_containers"."number" ~ '^[A-Z]{3}[UJZ][0-9]{7}$')
);
--> statement-breakpoint
CREATE TABLE "consolidation_transactions" (
	"consolidation_id" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"cartons" integer NOT NULL,
	"gross_weight_kg" numeric(14, 3) NOT NULL,
	"net_weight_kg" numeric(14, 3) NOT NULL,
	CONSTRAINT "consolidation_transactions_consolidation_id_transaction_id_pk" PRIMARY KEY("consolidation_id","transaction_id"),
	CONSTRAINT "consolidation_transactions_transaction_uq" UNIQUE("transaction_id"),
	CONSTRAINT "consolidation_transactions_cartons_check" CHECK ("consolidation_transactions"."cartons" > 0),
	CONSTRAINT "consolidation_transactions_weights_check" CHECK ("consolidation_transactions"."net_weight_kg" > 0 and "consolidation_transactions"."net_weight_kg" <= "consolidation_transactions"."gross_weight_kg")
);
--> statement-breakpoint
CREATE TABLE "consolidations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"operator_id" uuid NOT NULL,
	"client_ref" text NOT NULL,
	"destination_country" text NOT NULL,
	"transport_mode" text NOT NULL,
	"china_europe_rail" boolean DEFAULT false NOT NULL,
	"exit_port" text NOT NULL,
	"transaction_count" integer NOT NULL,
	"line_count" integer NOT NULL,
	"total_cartons" integer NOT NULL,
	"total_gross_weight_kg" numeric(14, 3) NOT NULL,
	"total_net_weight_kg" numeric(14, 3) NOT NULL,
	"value_totals" jsonb NOT NULL,
	"created_by_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consolidations_operator_client_ref_uq" UNIQUE("operator_org_id","client_ref"),
	CONSTRAINT "consolidations_china_europe_rail_check" CHECK (not "consolidations"."china_europe_rail" or "consolidations"."transport_mode" = '3'),
	CONSTRAINT "consolidations_weights_check" CHECK ("consolidations"."total_net_weight_kg" <= "consolidations"."total_gross_weight_kg")
);
--> statement-breakpoint
ALTER TABLE "consolidation_containers" ADD CONSTRAINT "consolidation_containers_consolidation_id_consolidations_id_fk" FOREIGN KEY ("consolidation_id") REFERENCES "public"."consolidations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consolidation_transactions" ADD CONSTRAINT "consolidation_transactions_consolidation_id_consolidations_id_fk" FOREIGN KEY ("consolidation_id") REFERENCES "public"."consolidations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consolidation_transactions" ADD CONSTRAINT "consolidation_transactions_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consolidations" ADD CONSTRAINT "consolidations_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consolidations" ADD CONSTRAINT "consolidations_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consolidations_operator_created_idx" ON "consolidations" USING btree ("operator_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "consolidations_created_idx" ON "consolidations" USING btree ("created_at","id");--> statement-breakpoint
ALTER TABLE "transaction_lines" ADD CONSTRAINT "transaction_lines_consolidation_id_consolidations_id_fk" FOREIGN KEY ("consolidation_id") REFERENCES "public"."consolidations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transaction_lines_consolidation_idx" ON "transaction_lines" USING btree ("consolidation_id");--> statement-breakpoint
ALTER TABLE "transaction_lines" ADD CONSTRAINT "transaction_lines_consolidation_check" CHECK (("transaction_lines"."consolidation_id" is null) = ("transaction_lines"."consolidated_at" is null));