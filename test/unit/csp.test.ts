import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP, RENDERER_CSP_HEADER } from '../../main/csp.js';
import { resolveRendererFile } from '../../main/renderer-files.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('the renderer CSP', () => {
  it('is the same in index.html as the header main/ sends', () => {
    const html = readFileSync(path.join(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP);
  });

  it('allows no inline script, no eval and nothing remote', () => {
    expect(RENDERER_CSP_HEADER).toContain("default-src 'none'");
    expect(RENDERER_CSP_HEADER).toContain("script-src 'self'");
    expect(RENDERER_CSP_HEADER).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP_HEADER).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('the built index.html has no inline script or style', () => {
    const html = readFileSync(path.join(ROOT, 'out', 'renderer', 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle="/);
  });
});

describe('renderer file resolution', () => {
  it('serves files inside the renderer folder and nothing outside it', () => {
    const dir = '/app/out/renderer';
    expect(resolveRendererFile(dir, '/')).toBe('/app/out/renderer/index.html');
    expect(resolveRendererFile(dir, '/assets/index-1.js')).toBe('/app/out/renderer/assets/index-1.js');
    expect(resolveRendererFile(dir, '/../main/index.mjs')).toBeNull();
    expect(resolveRendererFile(dir, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveRendererFile(dir, '/assets/%00.js')).toBeNull();
    expect(resolveRendererFile(dir, '/%E0%A4%A')).toBeNull();
  });
});
