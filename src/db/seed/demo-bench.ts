/**
 * Measures how long the demo clinic takes to generate (the seed script and load tests call it once per
 * clinic). Prints figures; asserts nothing. Run: node --import tsx src/db/seed/demo-bench.ts
 */
import { generateDemoClinic } from './demo-clinic-data';
import type { DemoClinicOptions } from './demo-clinic-data';

export interface DemoGenerationFigures {
  /** Median of the following runs. */
  medianMs: number;
  patients: number;
  chartEntries: number;
  chartTextChars: number;
}

/** Generates the clinic once to warm up, then `runs` times, and reports the median time and sizes. */
export function measureDemoGeneration(options: DemoClinicOptions = {}, runs = 7): DemoGenerationFigures {
  const timings: number[] = [];
  let last = generateDemoClinic(options);
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = generateDemoClinic(options);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return {
    medianMs: timings[Math.floor(timings.length / 2)] ?? 0,
    patients: last.patients.length,
    chartEntries: last.chartEntries.length,
    chartTextChars: last.chartEntries.reduce((sum, e) => sum + e.sections.reduce((n, s) => n + s.text.length, 0), 0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cold = performance.now();
  generateDemoClinic();
  const coldMs = performance.now() - cold;
  const figures = measureDemoGeneration();
  console.log(
    `demo clinic: ${figures.patients} patients, ${figures.chartEntries} chart entries, ${(figures.chartTextChars / 1e6).toFixed(2)} M characters of notes`,
  );
  console.log(`generation: cold ${coldMs.toFixed(0)} ms, warm median ${figures.medianMs.toFixed(0)} ms`);
  const big = measureDemoGeneration({ patients: 2000 }, 3);
  console.log(`2,000 patients: ${big.chartEntries} entries, warm median ${big.medianMs.toFixed(0)} ms`);
}
