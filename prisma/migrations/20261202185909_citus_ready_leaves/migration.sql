-- Citus-ready leaves: exam results, final marks, holidays, homework, lesson changes, scheduled
-- tests, recommendations, domain events, paper batches, consent records, subject forecasts and
-- announcement reads have schoolId (already filled) in their primary key, their unique indexes
-- and every foreign key to another school table. Their parents (students, classes, subjects,
-- teachers, periods, lessons, consent codes) gain a unique (schoolId, id) for those keys.
-- SET NULL ("…Id") clears only the parent's id: a plain SET NULL would clear schoolId too.

-- DropForeignKey
ALTER TABLE "announcement_reads" DROP CONSTRAINT "announcement_reads_guardianId_fkey";

-- DropForeignKey
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_codeId_fkey";

-- DropForeignKey
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_guardianId_fkey";

-- DropForeignKey
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_studentId_fkey";

-- DropForeignKey
ALTER TABLE "exam_results" DROP CONSTRAINT "exam_results_studentId_fkey";

-- DropForeignKey
ALTER TABLE "final_marks" DROP CONSTRAINT "final_marks_periodId_fkey";

-- DropForeignKey
ALTER TABLE "final_marks" DROP CONSTRAINT "final_marks_studentId_fkey";

-- DropForeignKey
ALTER TABLE "final_marks" DROP CONSTRAINT "final_marks_subjectId_fkey";

-- DropForeignKey
ALTER TABLE "homework" DROP CONSTRAINT "homework_classId_fkey";

-- DropForeignKey
ALTER TABLE "homework" DROP CONSTRAINT "homework_subjectId_fkey";

-- DropForeignKey
ALTER TABLE "lesson_changes" DROP CONSTRAINT "lesson_changes_lessonId_fkey";

-- DropForeignKey
ALTER TABLE "lesson_changes" DROP CONSTRAINT "lesson_changes_teacherId_fkey";

-- DropForeignKey
ALTER TABLE "paper_batches" DROP CONSTRAINT "paper_batches_classId_fkey";

-- DropForeignKey
ALTER TABLE "recommendations" DROP CONSTRAINT "recommendations_studentId_fkey";

-- DropForeignKey
ALTER TABLE "recommendations" DROP CONSTRAINT "recommendations_teacherId_fkey";

-- DropForeignKey
ALTER TABLE "scheduled_tests" DROP CONSTRAINT "scheduled_tests_classId_fkey";

-- DropForeignKey
ALTER TABLE "scheduled_tests" DROP CONSTRAINT "scheduled_tests_subjectId_fkey";

-- DropForeignKey
ALTER TABLE "subject_forecasts" DROP CONSTRAINT "subject_forecasts_periodId_fkey";

-- DropForeignKey
ALTER TABLE "subject_forecasts" DROP CONSTRAINT "subject_forecasts_studentId_fkey";

-- DropForeignKey
ALTER TABLE "subject_forecasts" DROP CONSTRAINT "subject_forecasts_subjectId_fkey";

-- DropIndex
DROP INDEX "consent_records_codeId_key";

-- DropIndex
DROP INDEX "final_marks_studentId_subjectId_periodId_key";

-- DropIndex
DROP INDEX "lesson_changes_lessonId_key";

-- AlterTable
ALTER TABLE "announcement_reads" DROP CONSTRAINT "announcement_reads_pkey",
ADD CONSTRAINT "announcement_reads_pkey" PRIMARY KEY ("schoolId", "announcementId", "guardianId");

-- AlterTable
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_pkey",
ADD CONSTRAINT "consent_records_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "domain_events" DROP CONSTRAINT "domain_events_pkey",
ADD CONSTRAINT "domain_events_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "exam_results" DROP CONSTRAINT "exam_results_pkey",
ADD CONSTRAINT "exam_results_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "final_marks" DROP CONSTRAINT "final_marks_pkey",
ADD CONSTRAINT "final_marks_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "holidays" DROP CONSTRAINT "holidays_pkey",
ADD CONSTRAINT "holidays_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "homework" DROP CONSTRAINT "homework_pkey",
ADD CONSTRAINT "homework_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "lesson_changes" DROP CONSTRAINT "lesson_changes_pkey",
ADD CONSTRAINT "lesson_changes_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "paper_batches" DROP CONSTRAINT "paper_batches_pkey",
ADD CONSTRAINT "paper_batches_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "recommendations" DROP CONSTRAINT "recommendations_pkey",
ADD CONSTRAINT "recommendations_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "scheduled_tests" DROP CONSTRAINT "scheduled_tests_pkey",
ADD CONSTRAINT "scheduled_tests_pkey" PRIMARY KEY ("schoolId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "academic_periods_schoolId_id_key" ON "academic_periods"("schoolId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "classes_schoolId_id_key" ON "classes"("schoolId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "consent_codes_schoolId_id_key" ON "consent_codes"("schoolId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "consent_records_schoolId_codeId_key" ON "consent_records"("schoolId", "codeId");

-- CreateIndex
CREATE UNIQUE INDEX "final_marks_schoolId_studentId_subjectId_periodId_key" ON "final_marks"("schoolId", "studentId", "subjectId", "periodId");

-- CreateIndex
CREATE UNIQUE INDEX "lesson_changes_schoolId_lessonId_key" ON "lesson_changes"("schoolId", "lessonId");

-- CreateIndex
CREATE UNIQUE INDEX "lessons_schoolId_id_key" ON "lessons"("schoolId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "students_schoolId_id_key" ON "students"("schoolId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "subjects_schoolId_id_key" ON "subjects"("schoolId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "teachers_schoolId_id_key" ON "teachers"("schoolId", "id");

-- AddForeignKey
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_schoolId_guardianId_fkey" FOREIGN KEY ("schoolId", "guardianId") REFERENCES "guardians"("schoolId", "id") ON DELETE SET NULL ("guardianId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_schoolId_studentId_fkey" FOREIGN KEY ("schoolId", "studentId") REFERENCES "students"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_schoolId_codeId_fkey" FOREIGN KEY ("schoolId", "codeId") REFERENCES "consent_codes"("schoolId", "id") ON DELETE SET NULL ("codeId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_schoolId_studentId_fkey" FOREIGN KEY ("schoolId", "studentId") REFERENCES "students"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_schoolId_subjectId_fkey" FOREIGN KEY ("schoolId", "subjectId") REFERENCES "subjects"("schoolId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_schoolId_periodId_fkey" FOREIGN KEY ("schoolId", "periodId") REFERENCES "academic_periods"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_schoolId_studentId_fkey" FOREIGN KEY ("schoolId", "studentId") REFERENCES "students"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "homework" ADD CONSTRAINT "homework_schoolId_classId_fkey" FOREIGN KEY ("schoolId", "classId") REFERENCES "classes"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "homework" ADD CONSTRAINT "homework_schoolId_subjectId_fkey" FOREIGN KEY ("schoolId", "subjectId") REFERENCES "subjects"("schoolId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lesson_changes" ADD CONSTRAINT "lesson_changes_schoolId_lessonId_fkey" FOREIGN KEY ("schoolId", "lessonId") REFERENCES "lessons"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lesson_changes" ADD CONSTRAINT "lesson_changes_schoolId_teacherId_fkey" FOREIGN KEY ("schoolId", "teacherId") REFERENCES "teachers"("schoolId", "id") ON DELETE SET NULL ("teacherId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scheduled_tests" ADD CONSTRAINT "scheduled_tests_schoolId_classId_fkey" FOREIGN KEY ("schoolId", "classId") REFERENCES "classes"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scheduled_tests" ADD CONSTRAINT "scheduled_tests_schoolId_subjectId_fkey" FOREIGN KEY ("schoolId", "subjectId") REFERENCES "subjects"("schoolId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_schoolId_studentId_fkey" FOREIGN KEY ("schoolId", "studentId") REFERENCES "students"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_schoolId_teacherId_fkey" FOREIGN KEY ("schoolId", "teacherId") REFERENCES "teachers"("schoolId", "id") ON DELETE SET NULL ("teacherId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject_forecasts" ADD CONSTRAINT "subject_forecasts_schoolId_studentId_fkey" FOREIGN KEY ("schoolId", "studentId") REFERENCES "students"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject_forecasts" ADD CONSTRAINT "subject_forecasts_schoolId_periodId_fkey" FOREIGN KEY ("schoolId", "periodId") REFERENCES "academic_periods"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject_forecasts" ADD CONSTRAINT "subject_forecasts_schoolId_subjectId_fkey" FOREIGN KEY ("schoolId", "subjectId") REFERENCES "subjects"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_batches" ADD CONSTRAINT "paper_batches_schoolId_classId_fkey" FOREIGN KEY ("schoolId", "classId") REFERENCES "classes"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_schoolId_guardianId_fkey" FOREIGN KEY ("schoolId", "guardianId") REFERENCES "guardians"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
