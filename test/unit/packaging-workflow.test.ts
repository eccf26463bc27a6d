/**
 * .github/workflows/ci.yml cannot run here (it needs hosted runners); this checks that it parses and still
 * does what the release process relies on: all three OSes, the Electron smoke tests under a virtual display,
 * test installers with the override, and release installers without it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, requireFromElectronBuilder } from './packaging-support.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  strategy?: { matrix?: { os?: string[] } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { push?: { branches?: string[]; tags?: string[] }; pull_request?: unknown };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const { load } = requireFromElectronBuilder<{ load(text: string): unknown }>('js-yaml');
const workflow = load(readFileSync(path.join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8')) as Workflow;
const OSES = ['ubuntu-latest', 'windows-latest', 'macos-latest'];

function job(name: string): Job {
  const found = workflow.jobs[name];
  if (!found) throw new Error(`no job ${name}`);
  return found;
}

function stepIndex(j: Job, pattern: RegExp): number {
  const index = j.steps.findIndex((s) => pattern.test(s.run ?? ''));
  expect(index, `a step running ${pattern}`).toBeGreaterThanOrEqual(0);
  return index;
}

describe('the CI workflow', () => {
  it('runs on pushes, pull requests and version tags', () => {
    expect(workflow.on.push?.branches).toContain('main');
    expect(workflow.on.push?.tags).toContain('v*');
    expect(workflow.on).toHaveProperty('pull_request');
  });

  it('tests on Windows, macOS and Linux, with the Electron runtime downloaded and required', () => {
    const test = job('test');
    expect(test.strategy?.matrix?.os).toEqual(OSES);
    const install = stepIndex(test, /^npm ci\b/);
    const electron = stepIndex(test, /node_modules\/electron\/install\.js/);
    const npmTest = stepIndex(test, /npm test/);
    expect(install).toBeLessThan(electron);
    expect(electron).toBeLessThan(npmTest);
    expect(test.steps[npmTest]?.run).toMatch(/xvfb-run -a npm test/);
    expect(workflow.env?.BITAGENT_REQUIRE_ELECTRON).toBe('1');
  });

  it('builds test installers with the development-key override and uploads them', () => {
    const test = job('test');
    const dist = test.steps[stepIndex(test, /^npm run dist$/)] as Step;
    expect(dist.env?.BITAGENT_ALLOW_DEV_RECIPIENT).toBe('1');
    const upload = test.steps.find(
      (s) => s.uses?.startsWith('actions/upload-artifact') && s.with?.name !== undefined,
    );
    expect(String(upload?.with?.path)).toMatch(/\*\.exe[\s\S]*\*\.dmg[\s\S]*\*\.AppImage[\s\S]*\*\.deb/);
  });

  it('builds release installers on tags only, after the tests, without the override', () => {
    const release = job('release');
    expect(release.if).toMatch(/refs\/tags\/v/);
    expect(release.needs).toBe('test');
    expect(release.strategy?.matrix?.os).toEqual(OSES);
    const dist = release.steps[stepIndex(release, /^npm run dist$/)] as Step;
    expect(dist.env?.BITAGENT_ALLOW_DEV_RECIPIENT).not.toBe('1');
    expect(JSON.stringify(release)).not.toMatch(/BITAGENT_ALLOW_DEV_RECIPIENT":"1"/);
    expect(JSON.stringify(workflow.env)).not.toMatch(/BITAGENT_ALLOW_DEV_RECIPIENT/);
  });
});
