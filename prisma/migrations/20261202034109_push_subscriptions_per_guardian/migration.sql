-- DropIndex
DROP INDEX "push_subscriptions_endpoint_key";

-- DropIndex
DROP INDEX "push_subscriptions_guardianId_idx";

-- CreateIndex
CREATE INDEX "push_subscriptions_endpoint_idx" ON "push_subscriptions"("endpoint");

-- CreateIndex
CREATE UNIQUE INDEX "push_subscriptions_guardianId_endpoint_key" ON "push_subscriptions"("guardianId", "endpoint");
