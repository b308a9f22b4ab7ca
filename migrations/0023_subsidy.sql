CREATE TABLE "subsidy_audit_findings" (
	"task_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"adjusted_cny" numeric(18, 2),
	"reason" text,
	"auditor_org_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_audit_findings_task_id_line_id_pk" PRIMARY KEY("task_id","line_id"),
	CONSTRAINT "subsidy_audit_findings_outcome_check" CHECK (("subsidy_audit_findings"."outcome" = 'adjusted') = ("subsidy_audit_findings"."adjusted_cny" is not null) and ("subsidy_audit_findings"."outcome" = 'confirmed' or "subsidy_audit_findings"."reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "subsidy_audit_kinds" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"samples_lines" boolean NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_audit_samples" (
	"task_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"stratum" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "subsidy_audit_samples_task_id_line_id_pk" PRIMARY KEY("task_id","line_id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_audit_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind_code" text NOT NULL,
	"audit_firm_org_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"sample_seed" integer,
	"sample_size" integer,
	"status" text NOT NULL,
	"conclusion" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "subsidy_budgets" (
	"year" integer NOT NULL,
	"item_code" text NOT NULL,
	"budget_cny" numeric(18, 2) NOT NULL,
	"approved_cny" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "subsidy_budgets_year_item_code_pk" PRIMARY KEY("year","item_code"),
	CONSTRAINT "subsidy_budgets_within_check" CHECK ("subsidy_budgets"."approved_cny" >= 0 and "subsidy_budgets"."approved_cny" <= "subsidy_budgets"."budget_cny")
);
--> statement-breakpoint
CREATE TABLE "subsidy_claim_differences" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"drafted_cny" numeric(18, 2) NOT NULL,
	"recomputed_cny" numeric(18, 2) NOT NULL,
	"detail" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_claim_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"event" jsonb NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"amount_cny" numeric(18, 2) NOT NULL,
	"actor_org_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_claim_line_sources" (
	"line_id" uuid NOT NULL,
	"item_type" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" text NOT NULL,
	"figure" text
);
--> statement-breakpoint
CREATE TABLE "subsidy_claim_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"item_code" text NOT NULL,
	"item_type" text NOT NULL,
	"amount_cny" numeric(18, 2) NOT NULL,
	"basis" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_claim_lines_claim_line_uq" UNIQUE("claim_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "subsidy_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"operator_id" uuid NOT NULL,
	"programme_version_id" uuid NOT NULL,
	"drafted_cny" numeric(18, 2) NOT NULL,
	"amount_cny" numeric(18, 2) NOT NULL,
	"status" text NOT NULL,
	"state" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_claims_period_org_uq" UNIQUE("period_id","operator_org_id"),
	CONSTRAINT "subsidy_claims_amount_check" CHECK ("subsidy_claims"."amount_cny" >= 0 and "subsidy_claims"."amount_cny" <= "subsidy_claims"."drafted_cny")
);
--> statement-breakpoint
CREATE TABLE "subsidy_coverage" (
	"run_id" uuid NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"operator_id" uuid,
	"outcome" text NOT NULL,
	"claim_id" uuid,
	"reasons" jsonb NOT NULL,
	"figures" jsonb NOT NULL,
	CONSTRAINT "subsidy_coverage_run_id_operator_org_id_pk" PRIMARY KEY("run_id","operator_org_id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_firm_caps" (
	"year" integer NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"cap_cny" numeric(18, 2) NOT NULL,
	"approved_cny" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "subsidy_firm_caps_year_operator_org_id_pk" PRIMARY KEY("year","operator_org_id"),
	CONSTRAINT "subsidy_firm_caps_within_check" CHECK ("subsidy_firm_caps"."approved_cny" >= 0 and "subsidy_firm_caps"."approved_cny" <= "subsidy_firm_caps"."cap_cny")
);
--> statement-breakpoint
CREATE TABLE "subsidy_insurance_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"insurer" text NOT NULL,
	"policy_no" text NOT NULL,
	"cover_from" date NOT NULL,
	"cover_to" date NOT NULL,
	"fund_share" text NOT NULL,
	"created_by_org_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_insurance_policies_policy_no_unique" UNIQUE("policy_no"),
	CONSTRAINT "subsidy_insurance_policies_cover_check" CHECK ("subsidy_insurance_policies"."cover_from" <= "subsidy_insurance_policies"."cover_to")
);
--> statement-breakpoint
CREATE TABLE "subsidy_insured_firms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"operator_id" uuid,
	"operator_org_id" uuid,
	"match" text NOT NULL,
	"cover_from" date NOT NULL,
	"cover_to" date NOT NULL,
	"premium_cny" numeric(18, 2) NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_insured_firms_policy_uscc_uq" UNIQUE("policy_id","uscc"),
	CONSTRAINT "subsidy_insured_firms_premium_check" CHECK ("subsidy_insured_firms"."premium_cny" > 0)
);
--> statement-breakpoint
CREATE TABLE "subsidy_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"objector" text NOT NULL,
	"reason" text NOT NULL,
	"decision" text,
	"decision_reason" text,
	"decided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"created_by_org_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_periods_label_unique" UNIQUE("label"),
	CONSTRAINT "subsidy_periods_dates_check" CHECK ("subsidy_periods"."period_from" <= "subsidy_periods"."period_to")
);
--> statement-breakpoint
CREATE TABLE "subsidy_policy_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"insured_firm_id" uuid NOT NULL,
	"buyer_name" text NOT NULL,
	"buyer_country" text NOT NULL,
	"defaulted_on" date NOT NULL,
	"currency" text NOT NULL,
	"loss_amount" numeric(18, 2) NOT NULL,
	"created_by_org_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_programme_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"effective_from" date NOT NULL,
	"document" jsonb NOT NULL,
	"canonical" text NOT NULL,
	"content_hash" text NOT NULL,
	"base_version_id" uuid,
	"note" text,
	"created_by_org_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp (3) with time zone,
	"decided_by_org_id" uuid,
	"decision_reason" text,
	CONSTRAINT "subsidy_programme_versions_label_unique" UNIQUE("label"),
	CONSTRAINT "subsidy_programme_versions_status_check" CHECK ("subsidy_programme_versions"."status" in ('proposed','approved','rejected')),
	CONSTRAINT "subsidy_programme_versions_hash_check" CHECK ("subsidy_programme_versions"."content_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "subsidy_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"job_key" text NOT NULL,
	"programme_version_id" uuid NOT NULL,
	"programme_hash" text NOT NULL,
	"facts_as_of" timestamp (3) with time zone NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_runs_job_key_unique" UNIQUE("job_key")
);
--> statement-breakpoint
ALTER TABLE "subsidy_audit_findings" ADD CONSTRAINT "subsidy_audit_findings_task_id_subsidy_audit_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."subsidy_audit_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_audit_findings" ADD CONSTRAINT "subsidy_audit_findings_line_id_subsidy_claim_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."subsidy_claim_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_audit_findings" ADD CONSTRAINT "subsidy_audit_findings_auditor_org_id_organisations_id_fk" FOREIGN KEY ("auditor_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_audit_samples" ADD CONSTRAINT "subsidy_audit_samples_task_id_subsidy_audit_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."subsidy_audit_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_audit_samples" ADD CONSTRAINT "subsidy_audit_samples_line_id_subsidy_claim_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."subsidy_claim_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_audit_tasks" ADD CONSTRAINT "subsidy_audit_tasks_kind_code_subsidy_audit_kinds_code_fk" FOREIGN KEY ("kind_code") REFERENCES "public"."subsidy_audit_kinds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_audit_tasks" ADD CONSTRAINT "subsidy_audit_tasks_audit_firm_org_id_organisations_id_fk" FOREIGN KEY ("audit_firm_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_audit_tasks" ADD CONSTRAINT "subsidy_audit_tasks_period_id_subsidy_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."subsidy_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claim_differences" ADD CONSTRAINT "subsidy_claim_differences_run_id_subsidy_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."subsidy_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claim_differences" ADD CONSTRAINT "subsidy_claim_differences_claim_id_subsidy_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claim_events" ADD CONSTRAINT "subsidy_claim_events_claim_id_subsidy_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claim_events" ADD CONSTRAINT "subsidy_claim_events_actor_org_id_organisations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claim_line_sources" ADD CONSTRAINT "subsidy_claim_line_sources_line_id_subsidy_claim_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."subsidy_claim_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claim_lines" ADD CONSTRAINT "subsidy_claim_lines_claim_id_subsidy_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_period_id_subsidy_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."subsidy_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_run_id_subsidy_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."subsidy_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_programme_version_id_subsidy_programme_versions_id_fk" FOREIGN KEY ("programme_version_id") REFERENCES "public"."subsidy_programme_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_coverage" ADD CONSTRAINT "subsidy_coverage_run_id_subsidy_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."subsidy_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_coverage" ADD CONSTRAINT "subsidy_coverage_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_coverage" ADD CONSTRAINT "subsidy_coverage_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_coverage" ADD CONSTRAINT "subsidy_coverage_claim_id_subsidy_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_firm_caps" ADD CONSTRAINT "subsidy_firm_caps_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_insurance_policies" ADD CONSTRAINT "subsidy_insurance_policies_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_insured_firms" ADD CONSTRAINT "subsidy_insured_firms_policy_id_subsidy_insurance_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."subsidy_insurance_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_insured_firms" ADD CONSTRAINT "subsidy_insured_firms_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_insured_firms" ADD CONSTRAINT "subsidy_insured_firms_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_objections" ADD CONSTRAINT "subsidy_objections_claim_id_subsidy_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_periods" ADD CONSTRAINT "subsidy_periods_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_policy_claims" ADD CONSTRAINT "subsidy_policy_claims_policy_id_subsidy_insurance_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."subsidy_insurance_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_policy_claims" ADD CONSTRAINT "subsidy_policy_claims_insured_firm_id_subsidy_insured_firms_id_fk" FOREIGN KEY ("insured_firm_id") REFERENCES "public"."subsidy_insured_firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_policy_claims" ADD CONSTRAINT "subsidy_policy_claims_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_programme_versions" ADD CONSTRAINT "subsidy_programme_versions_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_programme_versions" ADD CONSTRAINT "subsidy_programme_versions_decided_by_org_id_organisations_id_fk" FOREIGN KEY ("decided_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_runs" ADD CONSTRAINT "subsidy_runs_period_id_subsidy_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."subsidy_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_runs" ADD CONSTRAINT "subsidy_runs_programme_version_id_subsidy_programme_versions_id_fk" FOREIGN KEY ("programme_version_id") REFERENCES "public"."subsidy_programme_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subsidy_audit_tasks_firm_idx" ON "subsidy_audit_tasks" USING btree ("audit_firm_org_id");--> statement-breakpoint
CREATE INDEX "subsidy_claim_differences_claim_idx" ON "subsidy_claim_differences" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "subsidy_claim_events_claim_idx" ON "subsidy_claim_events" USING btree ("claim_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_claim_line_sources_once_uq" ON "subsidy_claim_line_sources" USING btree ("item_type","source_kind","source_id");--> statement-breakpoint
CREATE INDEX "subsidy_claim_line_sources_line_idx" ON "subsidy_claim_line_sources" USING btree ("line_id");--> statement-breakpoint
CREATE INDEX "subsidy_claims_org_idx" ON "subsidy_claims" USING btree ("operator_org_id","created_at");--> statement-breakpoint
CREATE INDEX "subsidy_insured_firms_org_idx" ON "subsidy_insured_firms" USING btree ("operator_org_id");--> statement-breakpoint
CREATE INDEX "subsidy_objections_claim_idx" ON "subsidy_objections" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_programme_versions_in_force_uq" ON "subsidy_programme_versions" USING btree ("effective_from") WHERE "subsidy_programme_versions"."status" = 'approved';