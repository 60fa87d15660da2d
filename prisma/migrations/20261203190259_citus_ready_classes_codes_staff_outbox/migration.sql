-- Citus-ready classes, consent codes, staff users, students and outbox messages: classes take
-- the school into their primary key, and every foreign key of these tables to a class, a
-- student or a guardian names the school too, so a row can no longer point into another
-- school. SET NULL ("…Id") clears only the parent's id: a plain SET NULL would clear schoolId too.

-- DropForeignKey
ALTER TABLE "consent_codes" DROP CONSTRAINT "consent_codes_guardianId_fkey";
ALTER TABLE "consent_codes" DROP CONSTRAINT "consent_codes_redeemedByGuardianId_fkey";
ALTER TABLE "consent_codes" DROP CONSTRAINT "consent_codes_studentId_fkey";
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_guardianId_fkey";
ALTER TABLE "staff_users" DROP CONSTRAINT "staff_users_classId_fkey";
ALTER TABLE "students" DROP CONSTRAINT "students_classId_fkey";

-- The class keys that lean on classes_schoolId_id_key, re-added below on the new primary key.
ALTER TABLE "homework" DROP CONSTRAINT "homework_schoolId_classId_fkey";
ALTER TABLE "scheduled_tests" DROP CONSTRAINT "scheduled_tests_schoolId_classId_fkey";
ALTER TABLE "paper_batches" DROP CONSTRAINT "paper_batches_schoolId_classId_fkey";
ALTER TABLE "lessons" DROP CONSTRAINT "lessons_schoolId_classId_fkey";

-- DropIndex
DROP INDEX "classes_schoolId_id_key";

-- AlterTable
ALTER TABLE "classes" DROP CONSTRAINT "classes_pkey",
ADD CONSTRAINT "classes_pkey" PRIMARY KEY ("schoolId", "id");

-- AddForeignKey
ALTER TABLE "homework" ADD CONSTRAINT "homework_schoolId_classId_fkey" FOREIGN KEY ("schoolId", "classId") REFERENCES "classes"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "scheduled_tests" ADD CONSTRAINT "scheduled_tests_schoolId_classId_fkey" FOREIGN KEY ("schoolId", "classId") REFERENCES "classes"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "paper_batches" ADD CONSTRAINT "paper_batches_schoolId_classId_fkey" FOREIGN KEY ("schoolId", "classId") REFERENCES "classes"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_schoolId_classId_fkey" FOREIGN KEY ("schoolId", "classId") REFERENCES "classes"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "students" ADD CONSTRAINT "students_schoolId_classId_fkey" FOREIGN KEY ("schoolId", "classId") REFERENCES "classes"("schoolId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "consent_codes" ADD CONSTRAINT "consent_codes_schoolId_studentId_fkey" FOREIGN KEY ("schoolId", "studentId") REFERENCES "students"("schoolId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "consent_codes" ADD CONSTRAINT "consent_codes_schoolId_guardianId_fkey" FOREIGN KEY ("schoolId", "guardianId") REFERENCES "guardians"("schoolId", "id") ON DELETE SET NULL ("guardianId") ON UPDATE CASCADE;
ALTER TABLE "consent_codes" ADD CONSTRAINT "consent_codes_schoolId_redeemedByGuardianId_fkey" FOREIGN KEY ("schoolId", "redeemedByGuardianId") REFERENCES "guardians"("schoolId", "id") ON DELETE SET NULL ("redeemedByGuardianId") ON UPDATE CASCADE;
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_schoolId_guardianId_fkey" FOREIGN KEY ("schoolId", "guardianId") REFERENCES "guardians"("schoolId", "id") ON DELETE SET NULL ("guardianId") ON UPDATE CASCADE;
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_schoolId_classId_fkey" FOREIGN KEY ("schoolId", "classId") REFERENCES "classes"("schoolId", "id") ON DELETE SET NULL ("classId") ON UPDATE CASCADE;
