/**
 * Every step but the first is in its own chunk: the first paint does not wait for code the user has not reached.
 * It is fetched as soon as the first step is interactive, so moving on never waits for the network.
 */
type Steps = typeof import('../steps/index.js');

let steps: Promise<Steps> | null = null;

export function preloadSteps(): Promise<Steps> {
  steps ??= import('../steps/index.js');
  return steps;
}
