/**
 * The BrowserWindow options of the one app window. Pure: only a type import from 'electron', so that
 * test/layers.test.ts can assert on the security settings without the Electron binary.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export const WINDOW_TITLE = 'Trade Records 贸易台账';

/** Electron's security checklist for a page that shows only our own code. */
export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export function windowOptions(preload: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preload, devTools),
  };
}
