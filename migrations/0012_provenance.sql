CREATE TABLE "provenance_checkpoints" (
	"tree_size" bigint PRIMARY KEY NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"key_id" text NOT NULL,
	"signature" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provenance_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"event_type" text NOT NULL,
	"action" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"related_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"event_time" timestamp (3) with time zone NOT NULL,
	"canonical" "bytea" NOT NULL,
	"leaf_hash" "bytea" NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provenance_events_seq_uq" UNIQUE("seq"),
	CONSTRAINT "provenance_events_leaf_hash_check" CHECK (octet_length("provenance_events"."leaf_hash") = 32)
);
--> statement-breakpoint
CREATE TABLE "provenance_leaves" (
	"leaf_index" bigint PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"sequenced_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provenance_leaves_event_uq" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "provenance_pending" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provenance_signing_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"algorithm" text DEFAULT 'Ed25519' NOT NULL,
	"public_key" "bytea" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provenance_tree_nodes" (
	"level" smallint NOT NULL,
	"index" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "provenance_tree_nodes_pk" PRIMARY KEY("level","index")
);
--> statement-breakpoint
ALTER TABLE "provenance_checkpoints" ADD CONSTRAINT "provenance_checkpoints_key_id_provenance_signing_keys_key_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."provenance_signing_keys"("key_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provenance_leaves" ADD CONSTRAINT "provenance_leaves_event_id_provenance_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."provenance_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provenance_pending" ADD CONSTRAINT "provenance_pending_event_id_provenance_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."provenance_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provenance_checkpoints_issued_idx" ON "provenance_checkpoints" USING btree ("issued_at");--> statement-breakpoint
CREATE INDEX "provenance_events_subject_idx" ON "provenance_events" USING btree ("subject_id","seq");--> statement-breakpoint
CREATE INDEX "provenance_events_related_idx" ON "provenance_events" USING gin ("related_ids");