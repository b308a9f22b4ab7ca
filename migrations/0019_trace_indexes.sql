CREATE INDEX "consolidation_containers_number_idx" ON "consolidation_containers" USING btree ("number");--> statement-breakpoint
CREATE INDEX "declarations_consolidation_idx" ON "declarations" USING btree ("consolidation_id");--> statement-breakpoint
CREATE INDEX "declarations_entry_number_idx" ON "declarations" USING btree (("state"->>'entryNumber'));