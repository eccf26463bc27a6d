/**
 * Validation's numbers against the simulator (healthy scenario): wall time, request count and sequential
 * rounds at 0 ms and 100 ms injected latency per request. Goal: at most 3 rounds and 10 requests.
 * "Rounds" is measured two ways: wall time / latency, and the critical path seen in the request timings.
 */
import { runValidation } from '../main/validation/run.js';
import { startSimulator } from '../test/support/cw-simulator/index.js';
import { sequentialRounds } from '../test/support/cw-simulator/rounds.js';
import { healthy, inputFor } from '../test/support/cw-simulator/scenarios/index.js';

const RUNS = 5;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function benchValidation(): Promise<void> {
  const sim = await startSimulator(healthy);
  try {
    const input = inputFor(healthy, sim.url);
    await runValidation(input); // warm-up: module loading, JIT
    for (const latencyMs of [0, 100]) {
      sim.setLatency(latencyMs);
      const walls: number[] = [];
      const counts: number[] = [];
      const paths: number[] = [];
      let allPassed = true;
      for (let i = 0; i < RUNS; i++) {
        const before = sim.requests.length;
        const started = performance.now();
        const report = await runValidation(input);
        walls.push(performance.now() - started);
        const mine = sim.requests.slice(before);
        counts.push(mine.length);
        paths.push(sequentialRounds(mine));
        allPassed &&= report.checks.every((c) => c.status === 'pass');
      }
      const wall = median(walls);
      // At 0 ms requests finish before the next starts, so neither measure of rounds means anything there.
      const rounds =
        latencyMs > 0
          ? `${(wall / latencyMs).toFixed(2)} (wall / latency), critical path ${median(paths)}`
          : 'n/a at 0 ms';
      console.log(
        `validation: latency ${String(latencyMs).padStart(3)} ms: wall ${wall.toFixed(0)} ms (median of ${RUNS}), ` +
          `${median(counts)} requests, rounds ${rounds}; ` +
          `${allPassed ? 'all checks pass' : 'NOT ALL CHECKS PASSED'} (goal: <= 3 rounds, <= 10 requests)`,
      );
    }
  } finally {
    await sim.close();
  }
}
