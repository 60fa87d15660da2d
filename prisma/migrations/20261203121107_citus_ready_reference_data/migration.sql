-- Citus: the school becomes part of the primary key of subjects, teachers, academic periods,
-- lessons and marks, and the lessons', marks' and classes' foreign keys to them include it.
-- The foreign keys that pointed at the (schoolId, id) unique indexes these keys replace are
-- dropped first and point at the new primary keys after. SET NULL ("…Id") clears only the
-- parent's id: a plain SET NULL would clear schoolId too.
ALTER TABLE "final_marks" DROP CONSTRAINT "final_marks_schoolId_periodId_fkey";
ALTER TABLE "final_marks" DROP CONSTRAINT "final_marks_schoolId_subjectId_fkey";
ALTER TABLE "homework" DROP CONSTRAINT "homework_schoolId_subjectId_fkey";
ALTER TABLE "lesson_changes" DROP CONSTRAINT "lesson_changes_schoolId_lessonId_fkey";
ALTER TABLE "lesson_changes" DROP CONSTRAINT "lesson_changes_schoolId_teacherId_fkey";
ALTER TABLE "recommendations" DROP CONSTRAINT "recommendations_schoolId_teacherId_fkey";
ALTER TABLE "scheduled_tests" DROP CONSTRAINT "scheduled_tests_schoolId_subjectId_fkey";
ALTER TABLE "subject_forecasts" DROP CONSTRAINT "subject_forecasts_schoolId_periodId_fkey";
ALTER TABLE "subject_forecasts" DROP CONSTRAINT "subject_forecasts_schoolId_subjectId_fkey";

-- DropForeignKey
ALTER TABLE "classes" DROP CONSTRAINT "classes_classTeacherId_fkey";

-- DropForeignKey
ALTER TABLE "lessons" DROP CONSTRAINT "lessons_classId_fkey";

-- DropForeignKey
ALTER TABLE "lessons" DROP CONSTRAINT "lessons_subjectId_fkey";

-- DropForeignKey
ALTER TABLE "lessons" DROP CONSTRAINT "lessons_teacherId_fkey";

-- DropForeignKey
ALTER TABLE "marks" DROP CONSTRAINT "marks_periodId_fkey";

-- DropForeignKey
ALTER TABLE "marks" DROP CONSTRAINT "marks_studentId_fkey";

-- DropForeignKey
ALTER TABLE "marks" DROP CONSTRAINT "marks_subjectId_fkey";

-- DropIndex
DROP INDEX "academic_periods_schoolId_id_key";

-- DropIndex
DROP INDEX "lessons_schoolId_id_key";

-- DropIndex
DROP INDEX "subjects_schoolId_id_key";

-- DropIndex
DROP INDEX "teachers_schoolId_id_key";

-- AlterTable
ALTER TABLE "academic_periods" DROP CONSTRAINT "academic_periods_pkey",
ADD CONSTRAINT "academic_periods_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "lessons" DROP CONSTRAINT "lessons_pkey",
ADD CONSTRAINT "lessons_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "marks" DROP CONSTRAINT "marks_pkey",
ADD CONSTRAINT "marks_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "subjects" DROP CONSTRAINT "subjects_pkey",
ADD CONSTRAINT "subjects_pkey" PRIMARY KEY ("schoolId", "id");

-- AlterTable
ALTER TABLE "teachers" DROP CONSTRAINT "teachers_pkey",
ADD CONSTRAINT "teachers_pkey" PRIMARY KEY ("schoolId", "id");

-- AddForeignKey
ALTER TABLE "classes" ADD CONSTRAINT "classes_schoolId_classTeacherId_fkey" FOREIGN KEY ("schoolId", "classTeacherId") REFERENCES "teachers"("schoolId", "id") ON DELETE SET NULL ("classTeacherId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marks" ADD CONSTRAINT "marks_schoolId_studentId_fkey" FOREIGN KEY ("schoolId", "studentId") REFERENCES "students"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marks" ADD CONSTRAINT "marks_schoolId_subjectId_fkey" FOREIGN KEY ("schoolId", "subjectId") REFERENCES "subjects"("schoolId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marks" ADD CONSTRAINT "marks_schoolId_periodId_fkey" FOREIGN KEY ("schoolId", "periodId") REFERENCES "academic_periods"("schoolId", "id") ON DELETE SET NULL ("periodId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_schoolId_classId_fkey" FOREIGN KEY ("schoolId", "classId") REFERENCES "classes"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_schoolId_subjectId_fkey" FOREIGN KEY ("schoolId", "subjectId") REFERENCES "subjects"("schoolId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_schoolId_teacherId_fkey" FOREIGN KEY ("schoolId", "teacherId") REFERENCES "teachers"("schoolId", "id") ON DELETE SET NULL ("teacherId") ON UPDATE CASCADE;

ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_schoolId_periodId_fkey" FOREIGN KEY ("schoolId", "periodId") REFERENCES "academic_periods"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_schoolId_subjectId_fkey" FOREIGN KEY ("schoolId", "subjectId") REFERENCES "subjects"("schoolId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "homework" ADD CONSTRAINT "homework_schoolId_subjectId_fkey" FOREIGN KEY ("schoolId", "subjectId") REFERENCES "subjects"("schoolId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lesson_changes" ADD CONSTRAINT "lesson_changes_schoolId_lessonId_fkey" FOREIGN KEY ("schoolId", "lessonId") REFERENCES "lessons"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lesson_changes" ADD CONSTRAINT "lesson_changes_schoolId_teacherId_fkey" FOREIGN KEY ("schoolId", "teacherId") REFERENCES "teachers"("schoolId", "id") ON DELETE SET NULL ("teacherId") ON UPDATE CASCADE;
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_schoolId_teacherId_fkey" FOREIGN KEY ("schoolId", "teacherId") REFERENCES "teachers"("schoolId", "id") ON DELETE SET NULL ("teacherId") ON UPDATE CASCADE;
ALTER TABLE "scheduled_tests" ADD CONSTRAINT "scheduled_tests_schoolId_subjectId_fkey" FOREIGN KEY ("schoolId", "subjectId") REFERENCES "subjects"("schoolId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "subject_forecasts" ADD CONSTRAINT "subject_forecasts_schoolId_periodId_fkey" FOREIGN KEY ("schoolId", "periodId") REFERENCES "academic_periods"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "subject_forecasts" ADD CONSTRAINT "subject_forecasts_schoolId_subjectId_fkey" FOREIGN KEY ("schoolId", "subjectId") REFERENCES "subjects"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
