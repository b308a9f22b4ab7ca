CREATE TABLE "credit_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"statement" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"fact_ids" uuid[] NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by_key_id" uuid,
	"decided_at" timestamp (3) with time zone,
	"decided_by_org_id" uuid,
	"decided_by_key_id" uuid,
	"decision_reason" text,
	"result_decision_id" uuid,
	CONSTRAINT "credit_appeals_status_check" CHECK ("credit_appeals"."status" in ('filed','upheld','dismissed'))
);
--> statement-breakpoint
CREATE TABLE "credit_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"operator_id" uuid NOT NULL,
	"run_id" uuid,
	"trigger" text NOT NULL,
	"trigger_ref" text,
	"as_of" timestamp (3) with time zone NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"scorecard_hash" text NOT NULL,
	"input_snapshot" jsonb NOT NULL,
	"snapshot_hash" text NOT NULL,
	"score" integer NOT NULL,
	"grade" text NOT NULL,
	"customs_tier" text,
	"vetoes" text[] NOT NULL,
	"characteristics" jsonb NOT NULL,
	"reasons" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_decisions_trigger_ref_unique" UNIQUE("trigger_ref"),
	CONSTRAINT "credit_decisions_run_operator_uq" UNIQUE("run_id","operator_org_id"),
	CONSTRAINT "credit_decisions_grade_check" CHECK ("credit_decisions"."grade" in ('A','B','C','D')),
	CONSTRAINT "credit_decisions_trigger_check" CHECK ("credit_decisions"."trigger" in ('run','fact','appeal','manual')),
	CONSTRAINT "credit_decisions_reasons_check" CHECK ("credit_decisions"."grade" = 'A' or jsonb_array_length("credit_decisions"."reasons") >= 1)
);
--> statement-breakpoint
CREATE TABLE "credit_fact_retractions" (
	"fact_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"appeal_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by_org_id" uuid NOT NULL,
	"created_by_key_id" uuid
);
--> statement-breakpoint
CREATE TABLE "credit_facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by_org_id" uuid NOT NULL,
	"created_by_key_id" uuid,
	CONSTRAINT "credit_facts_kind_check" CHECK ("credit_facts"."kind" in ('customs_tier','customs_penalty','smuggling_case','tax_grade','safe_category','dishonest_listing','subsidy_fraud')),
	CONSTRAINT "credit_facts_dates_check" CHECK ("credit_facts"."effective_to" is null or "credit_facts"."effective_from" < "credit_facts"."effective_to")
);
--> statement-breakpoint
CREATE TABLE "credit_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"reason" text NOT NULL,
	"decision_id" uuid,
	"effective_from" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by_org_id" uuid NOT NULL,
	"created_by_key_id" uuid,
	CONSTRAINT "credit_overrides_grade_check" CHECK ("credit_overrides"."grade" in ('A','B','C','D')),
	CONSTRAINT "credit_overrides_window_check" CHECK ("credit_overrides"."effective_from" < "credit_overrides"."expires_at")
);
--> statement-breakpoint
CREATE TABLE "credit_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"source_ref" text NOT NULL,
	"as_of" timestamp (3) with time zone NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"status" text NOT NULL,
	"operator_count" integer,
	"scored_count" integer DEFAULT 0 NOT NULL,
	"previous_run_id" uuid,
	"summary" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"requested_by_org_id" uuid,
	"requested_by_key_id" uuid,
	CONSTRAINT "credit_runs_source_ref_unique" UNIQUE("source_ref"),
	CONSTRAINT "credit_runs_status_check" CHECK ("credit_runs"."status" in ('running','completed')),
	CONSTRAINT "credit_runs_kind_check" CHECK ("credit_runs"."kind" in ('scheduled','on_demand'))
);
--> statement-breakpoint
CREATE TABLE "credit_scorecards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"document" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"base_scorecard_id" uuid,
	"effective_from" timestamp (3) with time zone NOT NULL,
	"in_force_from" timestamp (3) with time zone,
	"in_force_to" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by_org_id" uuid,
	"created_by_key_id" uuid,
	"decided_at" timestamp (3) with time zone,
	"decided_by_org_id" uuid,
	"decided_by_key_id" uuid,
	"decision_reason" text,
	CONSTRAINT "credit_scorecards_label_unique" UNIQUE("label"),
	CONSTRAINT "credit_scorecards_content_hash_unique" UNIQUE("content_hash"),
	CONSTRAINT "credit_scorecards_status_check" CHECK ("credit_scorecards"."status" in ('proposed','active','rejected','retired')),
	CONSTRAINT "credit_scorecards_hash_check" CHECK ("credit_scorecards"."content_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "credit_appeals" ADD CONSTRAINT "credit_appeals_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_appeals" ADD CONSTRAINT "credit_appeals_decision_id_credit_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."credit_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_appeals" ADD CONSTRAINT "credit_appeals_decided_by_org_id_organisations_id_fk" FOREIGN KEY ("decided_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_appeals" ADD CONSTRAINT "credit_appeals_result_decision_id_credit_decisions_id_fk" FOREIGN KEY ("result_decision_id") REFERENCES "public"."credit_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_decisions" ADD CONSTRAINT "credit_decisions_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_decisions" ADD CONSTRAINT "credit_decisions_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_decisions" ADD CONSTRAINT "credit_decisions_run_id_credit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."credit_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_decisions" ADD CONSTRAINT "credit_decisions_scorecard_id_credit_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."credit_scorecards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_fact_retractions" ADD CONSTRAINT "credit_fact_retractions_fact_id_credit_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."credit_facts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_fact_retractions" ADD CONSTRAINT "credit_fact_retractions_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_facts" ADD CONSTRAINT "credit_facts_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_facts" ADD CONSTRAINT "credit_facts_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_overrides" ADD CONSTRAINT "credit_overrides_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_overrides" ADD CONSTRAINT "credit_overrides_decision_id_credit_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."credit_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_overrides" ADD CONSTRAINT "credit_overrides_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_runs" ADD CONSTRAINT "credit_runs_scorecard_id_credit_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."credit_scorecards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_runs" ADD CONSTRAINT "credit_runs_previous_run_id_credit_runs_id_fk" FOREIGN KEY ("previous_run_id") REFERENCES "public"."credit_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_runs" ADD CONSTRAINT "credit_runs_requested_by_org_id_organisations_id_fk" FOREIGN KEY ("requested_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_scorecards" ADD CONSTRAINT "credit_scorecards_base_scorecard_id_credit_scorecards_id_fk" FOREIGN KEY ("base_scorecard_id") REFERENCES "public"."credit_scorecards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_scorecards" ADD CONSTRAINT "credit_scorecards_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_scorecards" ADD CONSTRAINT "credit_scorecards_decided_by_org_id_organisations_id_fk" FOREIGN KEY ("decided_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_appeals_operator_idx" ON "credit_appeals" USING btree ("operator_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "credit_appeals_status_idx" ON "credit_appeals" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "credit_decisions_operator_idx" ON "credit_decisions" USING btree ("operator_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "credit_decisions_grade_idx" ON "credit_decisions" USING btree ("grade","created_at");--> statement-breakpoint
CREATE INDEX "credit_facts_operator_idx" ON "credit_facts" USING btree ("operator_org_id","effective_from");--> statement-breakpoint
CREATE INDEX "credit_overrides_operator_idx" ON "credit_overrides" USING btree ("operator_org_id","effective_from");--> statement-breakpoint
CREATE INDEX "credit_runs_created_idx" ON "credit_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_scorecards_one_active" ON "credit_scorecards" USING btree ("status") WHERE "credit_scorecards"."status" = 'active';--> statement-breakpoint
CREATE INDEX "credit_scorecards_created_idx" ON "credit_scorecards" USING btree ("created_at","id");