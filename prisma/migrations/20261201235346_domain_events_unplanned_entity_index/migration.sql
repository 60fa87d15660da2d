-- DropIndex
DROP INDEX "domain_events_entityId_idx";

-- CreateIndex
CREATE INDEX "domain_events_unplanned_entityId_id_idx" ON "domain_events"("entityId", "id") WHERE ("plannedAt" IS NULL);
