/**
 * Sequential request rounds, from the simulator's timing: a request is one round deeper than the deepest
 * request that had finished before it started. Under injected latency this is the critical path's length.
 */
import type { RecordedRequest } from './types.js';

export function sequentialRounds(requests: readonly RecordedRequest[]): number {
  const depth = new Map<RecordedRequest, number>();
  const sorted = [...requests].sort((a, b) => a.startedAt - b.startedAt);
  let deepest = 0;
  for (const request of sorted) {
    let d = 1;
    for (const earlier of sorted) {
      if (earlier === request || earlier.endedAt === undefined || earlier.endedAt > request.startedAt)
        continue;
      d = Math.max(d, (depth.get(earlier) ?? 0) + 1);
    }
    depth.set(request, d);
    deepest = Math.max(deepest, d);
  }
  return deepest;
}
