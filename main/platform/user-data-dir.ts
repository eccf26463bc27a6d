/**
 * Where Electron's `app.getPath('userData')` points for this app, computed without Electron, so the harness
 * and the desktop app share one draft on the same computer.
 */
import os from 'node:os';
import path from 'node:path';

export function defaultUserDataDir(
  productName: string,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', productName);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), productName);
}
