/**
 * The application menu: File (Quit), Edit (standard roles, so copy/paste and undo work in text fields),
 * View (zoom; reload and DevTools only in a dev checkout), Help (About with version and data folder).
 */
import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { WINDOW_TITLE } from './window-options';

export interface MenuContext {
  dev: boolean;
  dataDir: string;
  companyFile: string;
  window: () => BrowserWindow | null;
}

export async function showAbout(ctx: MenuContext): Promise<void> {
  const detail = [
    `Version ${app.getVersion()}`,
    `Data folder: ${ctx.dataDir}`,
    `Company file: ${ctx.companyFile}`,
    '',
    `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
  ].join('\n');
  const options = {
    type: 'info' as const,
    title: `About ${app.getName()}`,
    message: WINDOW_TITLE,
    detail,
    buttons: ['OK', 'Show data folder'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const win = ctx.window();
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  if (response === 1) shell.showItemInFolder(ctx.companyFile);
}

export function buildMenu(ctx: MenuContext): Menu {
  const isMac = process.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${app.getName()}`, click: () => void showAbout(ctx) };

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: app.getName(),
      submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push({ label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (ctx.dev) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' });
  template.push({ label: 'View', submenu: view });
  template.push({ role: 'help', submenu: [about] });
  return Menu.buildFromTemplate(template);
}
