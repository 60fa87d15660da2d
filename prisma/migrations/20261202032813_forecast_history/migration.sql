-- CreateTable
CREATE TABLE "subject_forecasts" (
    "schoolId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "periodId" UUID NOT NULL,
    "subjectId" UUID NOT NULL,
    "forecast" TEXT,
    "alertedForecast" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subject_forecasts_pkey" PRIMARY KEY ("schoolId","studentId","periodId","subjectId")
);

-- CreateIndex
CREATE INDEX "subject_forecasts_studentId_idx" ON "subject_forecasts"("studentId");

-- CreateIndex
CREATE INDEX "domain_events_forecast_risk_classId_occurredAt_idx" ON "domain_events"("classId", "occurredAt") WHERE (type = 'forecast_risk');

-- AddForeignKey
ALTER TABLE "subject_forecasts" ADD CONSTRAINT "subject_forecasts_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject_forecasts" ADD CONSTRAINT "subject_forecasts_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "academic_periods"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject_forecasts" ADD CONSTRAINT "subject_forecasts_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "subjects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
