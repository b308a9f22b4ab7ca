CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"role" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"label" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"revoked_reason" text,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash"),
	CONSTRAINT "api_keys_role_check" CHECK ("api_keys"."role" in ('operator','customs','staff','auditor','admin'))
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_name_unique" UNIQUE("name"),
	CONSTRAINT "organisations_kind_check" CHECK ("organisations"."kind" in ('operator','customs','center','auditor'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"message" text NOT NULL,
	"data" jsonb NOT NULL,
	"source_job_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone,
	CONSTRAINT "notifications_source_job_key_unique" UNIQUE("source_job_key")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"state" text NOT NULL,
	"response_status" integer,
	"response_body" text,
	"response_content_type" text,
	"locked_until" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_org_id_key_pk" PRIMARY KEY("org_id","key"),
	CONSTRAINT "idempotency_keys_state_check" CHECK ("idempotency_keys"."state" in ('pending','completed'))
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"job_name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"job_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"enqueued_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"enqueue_attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "outbox_job_key_unique" UNIQUE("job_key")
);
--> statement-breakpoint
CREATE TABLE "processed_jobs" (
	"job_key" text PRIMARY KEY NOT NULL,
	"job_name" text NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_codes" (
	"version_id" integer NOT NULL,
	"code" text NOT NULL,
	"name_zh" text,
	"name_en" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "reference_codes_version_id_code_pk" PRIMARY KEY("version_id","code")
);
--> statement-breakpoint
CREATE TABLE "reference_list_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"list" text NOT NULL,
	"version" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source" text NOT NULL,
	"license" text NOT NULL,
	"checksum" text NOT NULL,
	"row_count" integer NOT NULL,
	"loaded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reference_list_versions_list_version_uq" UNIQUE("list","version")
);
--> statement-breakpoint
CREATE TABLE "merchants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"uscc" text,
	"resident_id" text,
	"name_zh" text NOT NULL,
	"name_en" text,
	"owner_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"market_name" text NOT NULL,
	"booth_no" text NOT NULL,
	"goods_categories" text[] NOT NULL,
	"fx_bank_name" text NOT NULL,
	"fx_account_name" text NOT NULL,
	"fx_account_no" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"status_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merchants_uscc_unique" UNIQUE("uscc"),
	CONSTRAINT "merchants_resident_id_unique" UNIQUE("resident_id"),
	CONSTRAINT "merchants_status_check" CHECK ("merchants"."status" in ('submitted','approved','rejected','suspended')),
	CONSTRAINT "merchants_kind_check" CHECK ("merchants"."kind" in ('individual_business','company')),
	CONSTRAINT "merchants_identity_check" CHECK (("merchants"."uscc" is not null) or ("merchants"."kind" = 'individual_business' and "merchants"."resident_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "operators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"customs_code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text,
	"address" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"status_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operators_org_id_unique" UNIQUE("org_id"),
	CONSTRAINT "operators_uscc_unique" UNIQUE("uscc"),
	CONSTRAINT "operators_customs_code_unique" UNIQUE("customs_code"),
	CONSTRAINT "operators_status_check" CHECK ("operators"."status" in ('submitted','approved','rejected','suspended'))
);
--> statement-breakpoint
CREATE TABLE "party_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"party_type" text NOT NULL,
	"party_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_org_id" uuid NOT NULL,
	"actor_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchasers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"country_code" text NOT NULL,
	"id_type" text NOT NULL,
	"id_number" text NOT NULL,
	"contact_phone" text,
	"contact_email" text,
	"address" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"status_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchasers_status_check" CHECK ("purchasers"."status" in ('submitted','approved','rejected','suspended')),
	CONSTRAINT "purchasers_kind_check" CHECK ("purchasers"."kind" in ('individual','company'))
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_codes" ADD CONSTRAINT "reference_codes_version_id_reference_list_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."reference_list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operators" ADD CONSTRAINT "operators_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_status_history" ADD CONSTRAINT "party_status_history_actor_org_id_organisations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchasers" ADD CONSTRAINT "purchasers_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_org_idx" ON "api_keys" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "notifications_org_created_idx" ON "notifications" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("id") WHERE "outbox"."enqueued_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_open_idx" ON "outbox" USING btree ("enqueued_at") WHERE "outbox"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "reference_codes_code_idx" ON "reference_codes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "merchants_operator_created_idx" ON "merchants" USING btree ("operator_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "merchants_created_idx" ON "merchants" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "operators_created_idx" ON "operators" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "party_status_history_party_idx" ON "party_status_history" USING btree ("party_type","party_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchasers_identity_uq" ON "purchasers" USING btree ("country_code","id_type","id_number");--> statement-breakpoint
CREATE INDEX "purchasers_operator_created_idx" ON "purchasers" USING btree ("operator_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "purchasers_created_idx" ON "purchasers" USING btree ("created_at","id");