// Benchmark of the forecast module (issue R6: 10,000 students × 15 subjects
// × ≈40 marks in under 2 seconds). Run: npm run bench:forecast
//
// The data are generated from a fixed seed, so every run measures the same
// marks. A baseline that only sums value × weight over the same marks is timed
// in the same process, so the ratio shows the forecast's own cost whatever
// the machine.
import { performance } from 'node:perf_hooks';
import { createSeededRandom } from '../src/lib/seeded-random.js';
import {
  DEFAULT_MARK_WEIGHTS,
  forecastStudent,
  type ForecastMark,
  type ForecastRules,
  type StudentSubjectInput,
} from '../src/modules/forecast/index.js';

const STUDENTS = 10_000;
const SUBJECTS = 15;
const PASS_FAIL_SUBJECTS = 1; // e.g. a «зачёт» course among the fifteen
const ROUNDS = 3;
const BUDGET_MS = 2000;
const SEED = 20250220;



const DAY_MS = 86_400_000;
const PERIOD_START = Date.UTC(2025, 0, 13);
const PERIOD_DAYS = 68;
// Marks of one day share a Date, as rows from one query would not, but it keeps 6 million marks in memory.
const DAYS = Array.from({ length: PERIOD_DAYS }, (_, i) => new Date(PERIOD_START + i * DAY_MS));
const KINDS = ['answer', 'answer', 'answer', 'answer', 'homework', 'homework', 'independent', 'test'] as const;

function generate(): StudentSubjectInput[][] {
  const next = createSeededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const students: StudentSubjectInput[][] = [];
  for (let s = 0; s < STUDENTS; s++) {
    const ability = 2.2 + next() * 2.8;
    const subjects: StudentSubjectInput[] = [];
    for (let j = 0; j < SUBJECTS; j++) {
      const passFail = j >= SUBJECTS - PASS_FAIL_SUBJECTS;
      const count = 35 + Math.floor(next() * 11);
      const marks: ForecastMark[] = [];
      for (let k = 0; k < count; k++) {
        const kind = pick(KINDS);
        let value: string;
        if (next() < 0.05) value = 'н';
        else if (passFail) value = next() < ability / 5.2 ? 'зач' : 'незач';
        else value = String(Math.min(5, Math.max(1, Math.round(ability + (next() - 0.5) * 2.4))));
        marks.push({
          value,
          weight: DEFAULT_MARK_WEIGHTS[kind] ?? 1,
          kind,
          date: pick(DAYS),
          deleted: next() < 0.02,
        });
      }
      subjects.push({
        subjectId: `subject-${j}`,
        marks,
        remainingLessons: Math.floor(next() * 20),
        previousForecast: next() < 0.8 ? 2 + Math.floor(next() * 4) : null,
      });
    }
    students.push(subjects);
  }
  return students;
}

/** The least any forecast must do: one pass summing value × weight per subject. */
function baseline(students: readonly StudentSubjectInput[][]): number {
  let checksum = 0;
  for (const subjects of students) {
    for (const subject of subjects) {
      let sum = 0;
      let weight = 0;
      for (const mark of subject.marks) {
        if (mark.deleted) continue;
        const value = mark.value.charCodeAt(0) - 48;
        if (value >= 1 && value <= 5 && mark.value.length === 1) {
          const w = mark.weight ?? 1;
          sum += value * w;
          weight += w;
        }
      }
      if (weight > 0) checksum += sum / weight;
    }
  }
  return checksum;
}

function forecastAll(students: readonly StudentSubjectInput[][], rules: ForecastRules, now: Date): number {
  const periodEndsOn = new Date(PERIOD_START + (PERIOD_DAYS - 1) * DAY_MS);
  let checksum = 0;
  for (const subjects of students) {
    // One call per student, as the digest does, each resolving the school's zone.
    const entries = forecastStudent({ subjects, rules, now, periodEndsOn, timeZone: 'Asia/Yekaterinburg' });
    for (const entry of entries) {
      const f = entry.forecast;
      if (f.kind === 'numeric') checksum += f.forecast + (f.toNext?.fives ?? 0) + (f.trend ? 1 : 0);
      else if (f.kind === 'pass_fail') checksum += f.forecast === 'pass' ? 1 : 0;
    }
  }
  return checksum;
}

function time<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

function main(): void {
  const generated = time(generate);
  const students = generated.result;
  let markCount = 0;
  for (const subjects of students) for (const subject of subjects) markCount += subject.marks.length;
  const forecasts = STUDENTS * SUBJECTS;
  console.log(
    `forecast bench: ${STUDENTS} students × ${SUBJECTS} subjects = ${forecasts} forecasts, ` +
      `${markCount} marks (${(markCount / forecasts).toFixed(1)} per subject), generated in ${generated.ms.toFixed(0)} ms`,
  );

  const rules: ForecastRules = { roundingThreshold: 0.5, markWeights: DEFAULT_MARK_WEIGHTS };
  const now = new Date(Date.UTC(2025, 2, 5, 6, 0));
  const baselineMs: number[] = [];
  const forecastMs: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const base = time(() => baseline(students));
    const full = time(() => forecastAll(students, rules, now));
    baselineMs.push(base.ms);
    forecastMs.push(full.ms);
    console.log(
      `round ${round}: baseline ${base.ms.toFixed(0)} ms, forecast ${full.ms.toFixed(0)} ms ` +
        `(${Math.round(forecasts / (full.ms / 1000)).toLocaleString('en-US')} forecasts/s, ` +
        `${(full.ms / base.ms).toFixed(1)}× baseline) [checksums ${base.result.toFixed(0)} / ${full.result}]`,
    );
  }

  // The first round includes JIT warm-up; the budget must hold for it too, so the verdict uses the slowest.
  const worst = Math.max(...forecastMs);
  const best = Math.min(...forecastMs);
  const bestBaseline = Math.min(...baselineMs);
  console.log(
    `forecast: best ${best.toFixed(0)} ms, worst ${worst.toFixed(0)} ms; ` +
      `${Math.round(forecasts / (best / 1000)).toLocaleString('en-US')} forecasts/s at best; ` +
      `${(best / bestBaseline).toFixed(1)}× the baseline (${bestBaseline.toFixed(0)} ms)`,
  );
  const ok = worst < BUDGET_MS;
  console.log(`${ok ? 'PASS' : 'FAIL'}: ${worst.toFixed(0)} ms ${ok ? '<' : '≥'} ${BUDGET_MS} ms budget`);
  if (!ok) process.exitCode = 1;
}

main();
