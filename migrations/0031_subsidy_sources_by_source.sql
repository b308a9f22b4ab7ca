ALTER TABLE "subsidy_claim_line_sources" DROP CONSTRAINT "subsidy_claim_line_sources_line_id_subsidy_claim_lines_id_fk";
--> statement-breakpoint
DROP INDEX "subsidy_claim_line_sources_once_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_claim_line_sources_once_uq" ON "subsidy_claim_line_sources" USING btree ("source_id","source_kind","item_type");