/**
 * The renderer's Content Security Policy. Sent as a header by the app:// protocol handler and by the harness,
 * and kept in renderer/index.html as a meta tag too (test/unit/csp.test.ts keeps the two the same).
 * No inline script, no eval, no remote anything: the renderer talks to the world only through window.bitagent.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
].join('; ');

/** Header-only directives (ignored in a meta tag). */
export const RENDERER_CSP_HEADER = `${RENDERER_CSP}; frame-ancestors 'none'`;
