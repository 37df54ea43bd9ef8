/**
 * Page helpers the browser tests share: pickers, AG Grid cells, the keyboard in a grid, the messages.
 * Each takes the page it works on (the one from openBrowserApp in ./harness).
 */
import type { Locator, Page } from 'playwright-core';

/** Pick an entry of a searchable picker by typing part of it and pressing Enter. */
export async function pick(page: Page, selector: string, typed: string): Promise<void> {
  await page.click(selector);
  await pickTyped(page, typed);
}

/**
 * In the picker that has the keyboard (a field, or `.product-combo` in an order line's product cell): type
 * part of an entry, wait for the list to offer it, Enter takes it.
 */
export async function pickTyped(page: Page, typed: string, list = '.combo-list'): Promise<void> {
  await page.keyboard.type(typed);
  await page.locator(`${list} [role=option]`).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Wait for a grid (the first one inside `scope`, a CSS selector; any when empty) to be there and done loading. */
export async function gridReady(page: Page, scope = ''): Promise<void> {
  await page.locator(`${scope} .ag-root`.trim()).first().waitFor();
  await page.locator('.ag-overlay-loading-center').waitFor({ state: 'detached' }).catch(() => undefined);
}

/** One grid cell by record id and column id (AG Grid puts row-id on rows and col-id on cells), inside `scope`. */
export const cell = (page: Page, rowId: number, colId: string, scope = ''): Locator =>
  page.locator(`${scope} .ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`.trim()).first();

/** One grid cell by row position (0-based row-index) and column id, inside `scope`. */
export const cellAt = (page: Page, row: number, colId: string, scope = ''): Locator =>
  page.locator(`${scope} .ag-row[row-index="${row}"] .ag-cell[col-id="${colId}"]`.trim()).first();

/** A cell of an order's line grid by line index (0-based) and column id. */
export const lineCell = (page: Page, row: number, colId: string): Locator => cellAt(page, row, colId, '.line-grid');

/** A cell of the balances grid, found by the party's name as the user reads it (all rows that match). */
export const balanceCell = (page: Page, party: string | RegExp, colId: string): Locator =>
  page
    .locator('.ag-row[row-id]')
    .filter({ has: page.locator('.ag-cell[col-id="partyName"]', { hasText: party }) })
    .locator(`.ag-cell[col-id="${colId}"]`);

/** One of an order's totals under its lines (amount, baseAmount, cartons, quantity, grossKg, cbm). */
export const orderTotal = (page: Page, key: string): Locator => page.locator(`[data-testid=order-totals] [data-total=${key}] .total-value`);

/** The trimmed text of the first element a selector finds, or of a locator ('' when it has none). */
export async function text(page: Page, target: string | Locator): Promise<string> {
  return ((typeof target === 'string' ? await page.textContent(target) : await target.textContent()) ?? '').trim();
}

/** Where the keyboard is: "row-index:colId" in a grid, or the focused element's TAG#id. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    const c = el?.closest('.ag-cell');
    const r = el?.closest('.ag-row');
    if (c && r) return `${r.getAttribute('row-index')}:${c.getAttribute('col-id')}`;
    return `${el?.tagName ?? ''}#${el?.id ?? ''}`;
  });
}

/** Press a key `times` times. */
export async function press(page: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** Type into the focused grid cell (typing starts the edit), then Enter. */
export async function typeInCell(page: Page, value: string): Promise<void> {
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

/** Focus a grid cell and open its editor with Enter; waits for `editor` (the editor's input) to show. */
async function openCell(page: Page, target: Locator, editor: string): Promise<void> {
  await target.click();
  await page.keyboard.press('Enter');
  await page.locator(editor).waitFor();
}

/** Edit a grid cell by keyboard: focus it, Enter, select all, type, Enter. */
export async function editCell(page: Page, target: Locator, value: string): Promise<void> {
  await openCell(page, target, '.ag-cell-inline-editing input');
  await page.keyboard.press('Control+a');
  await typeInCell(page, value);
}

/** Pick in a grid cell's code or product picker: focus the cell, Enter opens the picker, type, Enter takes the entry. */
export async function pickInCell(page: Page, target: Locator, typed: string): Promise<void> {
  await openCell(page, target, '.cell-combo input');
  await typeInCell(page, typed);
}

/**
 * Close the messages (all, or only the "saved" or the error ones), e.g. to get them out of a screenshot.
 * The close buttons are clicked in one go inside the page: a "saved" message also fades on its own after
 * 3 s, and one that went between counting and clicking would leave a click waiting for a button that is gone.
 */
export async function closeToasts(page: Page, kind?: 'success' | 'error'): Promise<void> {
  const close = page.locator(`${kind ? `.toast-${kind}` : '.toasts'} .toast-close`);
  await close.evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
  await close.first().waitFor({ state: 'detached' });
}

/** The shown rows' cells of one grid column inside `scope`, top to bottom (by row-index, not DOM order). */
export async function columnTexts(page: Page, scope: string, colId: string): Promise<string[]> {
  return page.evaluate(
    ([sc, col]) => {
      const cells = [...document.querySelectorAll(`${sc} .ag-row[row-index] .ag-cell[col-id="${col}"]`)];
      return cells
        .map((c) => ({ i: Number(c.closest('.ag-row')?.getAttribute('row-index')), text: (c.textContent ?? '').trim() }))
        .sort((a, b) => a.i - b.i)
        .map((c) => c.text);
    },
    [scope, colId] as const,
  );
}
