CREATE TABLE "statistics_declaration_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"declaration_id" uuid NOT NULL,
	"month" text NOT NULL,
	"export_date" date NOT NULL,
	"sign" smallint NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statistics_declaration_counts_sign_check" CHECK ("statistics_declaration_counts"."sign" in (-1, 1))
);
--> statement-breakpoint
CREATE TABLE "statistics_export_monthly" (
	"month" text NOT NULL,
	"dimension" text NOT NULL,
	"member" text NOT NULL,
	"value_usd" numeric(22, 2) DEFAULT '0' NOT NULL,
	"value_cny" numeric(22, 2) DEFAULT '0' NOT NULL,
	"declarations" integer DEFAULT 0 NOT NULL,
	"transactions" integer DEFAULT 0 NOT NULL,
	"goods_lines" integer DEFAULT 0 NOT NULL,
	"containers" integer DEFAULT 0 NOT NULL,
	"teu" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_export_monthly_dimension_month_member_pk" PRIMARY KEY("dimension","month","member"),
	CONSTRAINT "statistics_export_monthly_month_check" CHECK ("statistics_export_monthly"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "statistics_fx_monthly" (
	"month" text PRIMARY KEY NOT NULL,
	"received_usd" numeric(22, 2) DEFAULT '0' NOT NULL,
	"allocations" integer DEFAULT 0 NOT NULL,
	"collection_days" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_monthly_members" (
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"member_id" uuid NOT NULL,
	"refs" integer NOT NULL,
	CONSTRAINT "statistics_monthly_members_kind_month_member_id_pk" PRIMARY KEY("kind","month","member_id"),
	CONSTRAINT "statistics_monthly_members_refs_check" CHECK ("statistics_monthly_members"."refs" >= 0)
);
--> statement-breakpoint
CREATE TABLE "statistics_restatement_changes" (
	"month" text NOT NULL,
	"version" integer NOT NULL,
	"dimension" text NOT NULL,
	"member" text NOT NULL,
	"figure" text NOT NULL,
	"period" text NOT NULL,
	"before" numeric(22, 2) NOT NULL,
	"after" numeric(22, 2) NOT NULL,
	CONSTRAINT "statistics_restatement_changes_month_version_dimension_member_figure_period_pk" PRIMARY KEY("month","version","dimension","member","figure","period")
);
--> statement-breakpoint
CREATE TABLE "statistics_risk_monthly" (
	"month" text PRIMARY KEY NOT NULL,
	"warning_lines" integer DEFAULT 0 NOT NULL,
	"hard_band_lines" integer DEFAULT 0 NOT NULL,
	"review_transactions" integer DEFAULT 0 NOT NULL,
	"rejected_transactions" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_snapshot_rows" (
	"month" text NOT NULL,
	"version" integer NOT NULL,
	"dimension" text NOT NULL,
	"member" text NOT NULL,
	"figure" text NOT NULL,
	"value_month" numeric(22, 2) NOT NULL,
	"value_ytd" numeric(22, 2) NOT NULL,
	"value_last_year" numeric(22, 2) NOT NULL,
	"value_ytd_last_year" numeric(22, 2) NOT NULL,
	CONSTRAINT "statistics_snapshot_rows_month_version_dimension_member_figure_pk" PRIMARY KEY("month","version","dimension","member","figure")
);
--> statement-breakpoint
CREATE TABLE "statistics_versions" (
	"month" text NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"actor_org_id" uuid,
	"actor_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statistics_versions_month_version_pk" PRIMARY KEY("month","version"),
	CONSTRAINT "statistics_versions_kind_check" CHECK (("statistics_versions"."version" = 1) = ("statistics_versions"."kind" = 'publication')),
	CONSTRAINT "statistics_versions_month_check" CHECK ("statistics_versions"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "statistics_declaration_counts" ADD CONSTRAINT "statistics_declaration_counts_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistics_versions" ADD CONSTRAINT "statistics_versions_actor_org_id_organisations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statistics_declaration_counts_declaration_idx" ON "statistics_declaration_counts" USING btree ("declaration_id","id");