/**
 * "Did you mean": the existing names closest to one that was not found. Names are the MSP's own
 * (`*New (Email Connector)`), so punctuation and case are ignored when measuring, never when matching.
 */

function fold(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Levenshtein distance, two rows: names are short. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Up to `max` candidates close enough to be worth suggesting, closest first. */
export function closestNames(target: string, candidates: readonly string[], max = 3): string[] {
  const folded = fold(target);
  const scored: { name: string; score: number; raw: number }[] = [];
  for (const name of new Set(candidates)) {
    if (name === target) continue;
    const other = fold(name);
    // Typos first (by edit distance), then names that contain the other (`Support` in `Customer Support`).
    const distance = editDistance(folded, other);
    const limit = Math.max(2, Math.floor(Math.max(folded.length, other.length) / 3));
    let score: number;
    if (distance <= limit) score = distance;
    else if (folded.length >= 3 && other.length > 0 && (other.includes(folded) || folded.includes(other)))
      score = limit + 1 + Math.abs(other.length - folded.length) / 100;
    else continue;
    // Ties (names that fold alike: `New (Email Connector)`, `*New (Email Connector)`) go to the one closest as typed.
    scored.push({ name, score, raw: editDistance(target.toLowerCase(), name.toLowerCase()) });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.raw - b.raw || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}
