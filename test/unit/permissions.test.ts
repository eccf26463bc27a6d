import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from '../../main/permissions.js';

describe('the permission policy', () => {
  it('grants sanitized clipboard writes to our own top-level page (the copy buttons)', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://bitagent/index.html', true)).toBe(true);
  });

  it.each([
    ['clipboard-read', 'app://bitagent/index.html', true],
    ['media', 'app://bitagent/index.html', true],
    ['notifications', 'app://bitagent/index.html', true],
    ['geolocation', 'app://bitagent/index.html', true],
    ['openExternal', 'app://bitagent/index.html', true],
    ['clipboard-sanitized-write', 'app://bitagent/index.html', false],
    ['clipboard-sanitized-write', 'https://evil.example/', true],
    ['clipboard-sanitized-write', 'app://bitagent.evil/', true],
    ['clipboard-sanitized-write', 'file:///tmp/x.html', true],
    ['clipboard-sanitized-write', undefined, true],
    ['clipboard-sanitized-write', 'not a url', true],
  ] as const)('refuses %s from %s (main frame: %s)', (permission, url, mainFrame) => {
    expect(isPermissionGranted(permission, url, mainFrame)).toBe(false);
  });
});
