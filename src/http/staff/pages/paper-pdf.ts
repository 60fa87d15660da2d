import type { AppContext } from '../../../app/app-context.js';
import { loadPaperStatements } from '../../../modules/paper/load-paper-statements.js';
import { renderPaperBatchPdf } from '../../../modules/paper/render-paper-batch-pdf.js';

/**
 * The printed statements of a stored batch, rendered again on demand (batches keep who and
 * which span, not the document). They go to families, so they are in the school's language.
 */
export async function renderBatchPdf(ctx: AppContext, batch: { schoolId: string; classId: string; coversFrom: Date; coversTo: Date; guardianIds: string[] }): Promise<Buffer> {
  const school = await ctx.db.prisma.school.findUniqueOrThrow({ where: { id: batch.schoolId }, select: { defaultLocale: true } });
  const statements = await loadPaperStatements(ctx.db.pool, batch.schoolId, batch.classId, batch.coversFrom, batch.coversTo);
  const included = new Set(batch.guardianIds);
  return renderPaperBatchPdf({ statements: statements.filter((s) => included.has(s.guardianId)), coversFrom: batch.coversFrom, coversTo: batch.coversTo, lang: school.defaultLocale });
}
