-- DropIndex
DROP INDEX "domain_events_schoolId_occurredAt_idx";

-- DropIndex
DROP INDEX "domain_events_studentId_occurredAt_idx";

-- CreateIndex
CREATE INDEX "domain_events_entityId_idx" ON "domain_events"("entityId");
