import type { MarkWeights } from './types.js';

function isUsableWeight(weight: unknown): weight is number {
  // Zero or negative weights would empty or invert an average; treat them as absent.
  return typeof weight === 'number' && Number.isFinite(weight) && weight > 0;
}

/**
 * Weight of one mark: the e-journal's own weight wins; otherwise the school's
 * weight for the kind of work, then the school's `other`, then 1.
 * Ingestion uses this to store `Mark.weight`; the forecast uses it for marks
 * that arrive without one.
 */
export function resolveMarkWeight(
  kind: string | null | undefined,
  explicitWeight: number | null | undefined,
  schoolWeights: MarkWeights | null | undefined,
): number {
  if (isUsableWeight(explicitWeight)) return explicitWeight;
  if (schoolWeights) {
    if (kind) {
      // Journals differ in case and stray spaces ("Test ", "test").
      const byKind = schoolWeights[kind] ?? schoolWeights[kind.trim().toLowerCase()];
      if (isUsableWeight(byKind)) return byKind;
    }
    const other = schoolWeights['other'];
    if (isUsableWeight(other)) return other;
  }
  return 1;
}
