/** The app's AG Grid look (one place), and the denser variant of the entry grids (order lines). */
import { themeQuartz } from 'ag-grid-community';

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 14,
  headerFontSize: 14,
  headerFontWeight: 600,
  accentColor: '#1d4ed8',
  foregroundColor: '#111827',
  headerBackgroundColor: '#eef1f5',
  oddRowBackgroundColor: '#fafbfc',
  borderColor: '#d5dae1',
  rowBorder: { color: '#e5e8ec' },
  columnBorder: { color: '#eef0f3' },
  wrapperBorderRadius: 4,
  spacing: 6,
  browserColorScheme: 'light',
});

export const entryGridTheme = gridTheme.withParams({ headerFontSize: 13, columnBorder: { color: '#e5e8ec' }, spacing: 5 });
