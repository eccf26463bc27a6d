/**
 * Which web permissions the renderer gets: one. The copy buttons call navigator.clipboard.writeText, which
 * Electron gates behind the `clipboard-sanitized-write` permission (check and request); without it every copy
 * button fails silently in the desktop app while working in a browser. Everything else — clipboard reads,
 * camera, notifications, geolocation, ... — is refused, and so is any request from another origin or a frame.
 */
import { APP_ORIGIN } from './ipc.js';

export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(
  permission: string,
  requestingUrl: string | undefined,
  isMainFrame: boolean,
): boolean {
  if (!GRANTED_PERMISSIONS.has(permission) || !isMainFrame || !requestingUrl) return false;
  try {
    const url = new URL(requestingUrl);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
