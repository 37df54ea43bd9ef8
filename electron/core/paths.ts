import os from 'node:os';
import path from 'node:path';
import { APP_NAME } from './version';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives for this app, so that the
 * desktop window, browser mode and the CLI open the same company file by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.TRADE_RECORDS_DATA) return env.TRADE_RECORDS_DATA;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export const COMPANY_FILE_NAME = 'company.sqlite';

export function companyFilePath(dataDir: string): string {
  return path.join(dataDir, COMPANY_FILE_NAME);
}
