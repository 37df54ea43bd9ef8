/**
 * The columns of the line grid, in the order Enter walks them: product (a picker that fills the line), names,
 * spec, HS code, unit, cartons, pcs/carton, quantity (follows cartons × pcs/carton until typed), unit price,
 * the amount (the core's after a save, an exact preview while typing), weights, CBM, the stall (sales orders),
 * notes, and after confirmation what is shipped / received and what remains. Cells the core refused are marked.
 */
import type { TFunction } from 'i18next';
import type { CellClassParams, ColDef, ValueSetterParams } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { Product } from '../../../../shared/api';
import type { UiLanguage } from '../../../../shared/i18n';
import type { OrderKind } from '../../../../shared/trade';
import { filterOptions } from '../../components/ComboBox';
import { codeLabel, codeOptions } from '../../lib/codes';
import { decimalCol, textCol } from '../../lib/columns';
import { applyProduct, followCartons, previewAmount, type LineDraft } from './lineModel';
import { orderMessage } from './messages';
import { PickerCellEditor, type PickerOption, type PickerParams } from './PickerCellEditor';
import { filterByLabel, filterProducts, type ProductOption, type ProductPick } from './pickers';
import { formatDecimal } from '../../lib/format';

export interface LineColumnContext {
  t: TFunction;
  lang: UiLanguage;
  kind: OrderKind;
  editable: boolean;
  showProgress: boolean;
  /** read when a cell is drawn or edited, so the columns need not change while the user types */
  errors: () => Record<string, string>;
  currency: () => string;
  decimals: () => number;
  product: (id: number) => Product | undefined;
  productOptions: () => ProductOption[];
  stallOptions: () => PickerOption[];
  stallName: (id: number) => string;
  /** a product was picked in a cell (Enter then jumps to the cartons) */
  onPicked: () => void;
}

export function lineColumns(c: LineColumnContext): ColDef<LineDraft>[] {
  const { t, lang, kind, showProgress, stallName } = c;
  const L = (k: string) => t(`orders.lines.${k}`);
  const hasError = (colId: string) => (p: CellClassParams<LineDraft>) => p.data !== undefined && c.errors()[`${p.data.key}.${colId}`] !== undefined;
  const errorTip = (colId: string) => (p: { data?: LineDraft; valueFormatted?: string | null; value?: unknown }) =>
    (p.data && c.errors()[`${p.data.key}.${colId}`]) || undefined;
  const withError = (col: ColDef<LineDraft>): ColDef<LineDraft> => {
    const colId = col.colId ?? String(col.field);
    return {
      ...col,
      editable: c.editable && col.editable !== false,
      cellClassRules: { ...(col.cellClassRules ?? {}), 'cell-error': hasError(colId) },
      tooltipValueGetter: errorTip(colId),
    };
  };
  /** a value setter that marks the line edited and lets quantities / weights follow the cartons */
  const setter =
    (apply: (l: LineDraft, v: string) => void) =>
    (p: ValueSetterParams<LineDraft>): boolean => {
      const v = typeof p.newValue === 'string' ? p.newValue.trim() : p.newValue == null ? '' : String(p.newValue);
      apply(p.data, v);
      p.data.edited = true;
      return true;
    };
  const product = (l: LineDraft) => (l.productId === null ? undefined : c.product(l.productId));
  const follow = (field: 'cartons' | 'pcsPerCarton') => setter((l, v) => {
    l[field] = v;
    followCartons(l, product(l));
  });
  const weight = (field: 'grossKg' | 'netKg' | 'cbm', auto: 'gwAuto' | 'nwAuto' | 'cbmAuto') =>
    setter((l, v) => {
      l[field] = v;
      l[auto] = v === '';
      if (v === '') followCartons(l, product(l));
    });
  const num = (field: keyof LineDraft & string, width: number) => ({ ...decimalCol<LineDraft>(field, L(field), width), filter: false });

  const cols: ColDef<LineDraft>[] = [
    {
      colId: 'lineNo',
      headerName: '#',
      width: 48,
      pinned: 'left',
      editable: false,
      valueGetter: (p) => (p.node?.rowIndex ?? 0) + 1,
      cellClass: 'line-no',
      suppressNavigable: false,
    },
  ];
  if (kind === 'sales') {
    cols.push({
      colId: 'warning',
      headerName: '⚠',
      headerTooltip: L('stockWarning'),
      width: 40,
      editable: false,
      context: { excel: { skip: true } },
      cellRenderer: (p: CustomCellRendererProps<LineDraft>) => {
        const text = p.data?.stockWarning ? orderMessage(t, p.data.stockWarning) : '';
        return text ? (
          <span className="stock-warning" title={text} aria-label={text} data-testid="stock-warning">
            ⚠
          </span>
        ) : null;
      },
    });
  }
  cols.push(
    withError({
      colId: 'productId',
      headerName: L('product'),
      width: 140,
      pinned: 'left',
      cellDataType: false,
      valueGetter: (p) => p.data?.itemNo ?? '',
      valueSetter: (p: ValueSetterParams<LineDraft>) => {
        const pick = p.newValue as ProductPick | string | null;
        if (pick === null || typeof pick !== 'object') return false;
        const l = p.data;
        if ('productId' in pick) {
          const prod = c.product(pick.productId);
          if (!prod) return false;
          applyProduct(l, prod, c.currency(), c.kind, stallName);
          c.onPicked();
        } else if ('free' in pick) {
          l.productId = null;
          l.itemNo = pick.free;
        } else {
          l.productId = null;
          l.itemNo = '';
        }
        l.edited = true;
        return true;
      },
      cellEditorSelector: (p) => ({
        component: PickerCellEditor,
        popup: true,
        params: {
          options: () => c.productOptions(),
          filter: filterProducts,
          free: (q) => ({ value: `free:${q}`, label: t('orders.lines.freeLine', { text: q }) }),
          none: p.data && (p.data.productId !== null || p.data.itemNo !== '') ? { value: 'none:', label: t('orders.lines.noProduct') } : null,
          toValue: (o): ProductPick =>
            o.value.startsWith('free:') ? { free: o.value.slice(5) } : o.value === 'none:' ? { none: true } : { productId: Number(o.value) },
          current: p.data?.productId == null ? '' : String(p.data.productId),
          placeholder: p.data?.itemNo || t('orders.lines.productPlaceholder'),
          ariaLabel: L('product'),
          className: 'product-combo',
        } satisfies PickerParams,
      }),
    }),
    // once confirmed, what is shipped / received and what remains come first, next to the product
    ...(showProgress
      ? [
          { ...num('doneQuantity', 90), headerName: kind === 'sales' ? L('shipped') : L('received'), editable: false, cellClass: 'ag-right-aligned-cell computed' },
          { ...num('remainingQuantity', 90), headerName: L('remaining'), editable: false, cellClass: 'ag-right-aligned-cell computed remaining' },
        ]
      : []),
    withError({ ...textCol<LineDraft>('nameZh', L('nameZh'), 150), filter: false }),
    withError({ ...textCol<LineDraft>('nameEn', L('nameEn'), 150), filter: false }),
    withError({ ...textCol<LineDraft>('spec', L('spec'), 110), filter: false }),
    withError({ ...textCol<LineDraft>('hsCode', L('hsCode'), 110), filter: false }),
    withError({
      ...textCol<LineDraft>('unit', L('unit'), 90),
      filter: false,
      valueFormatter: (p) => (typeof p.value === 'string' && p.value !== '' ? codeLabel('units', p.value, lang) : ''),
      cellEditorSelector: (p) => ({
        component: PickerCellEditor,
        popup: true,
        params: {
          options: () => codeOptions('units'),
          filter: filterOptions,
          none: { value: '', label: t('common.none') },
          toValue: (o) => o.value,
          current: p.data?.unit ?? '',
          placeholder: p.data?.unit ? codeLabel('units', p.data.unit, lang) : '',
          ariaLabel: L('unit'),
        } satisfies PickerParams,
      }),
    }),
    withError({ ...num('cartons', 72), valueSetter: follow('cartons') }),
    withError({ ...num('pcsPerCarton', 96), valueSetter: follow('pcsPerCarton') }),
    withError({
      ...num('quantity', 96),
      valueSetter: setter((l, v) => {
        l.quantity = v;
        l.qtyTyped = v !== '';
        if (v === '') followCartons(l, product(l));
      }),
      cellClassRules: { following: (p: CellClassParams<LineDraft>) => p.data !== undefined && !p.data.qtyTyped && p.data.quantity !== '' },
    }),
    withError({ ...num('unitPrice', 92) }),
    {
      colId: 'amount',
      headerName: L('amount'),
      width: 110,
      type: 'rightAligned',
      editable: false,
      valueGetter: (p) => (p.data ? (p.data.edited || p.data.amount === '' ? previewAmount(p.data, c.decimals()) : p.data.amount) : ''),
      valueFormatter: (p) => (typeof p.value === 'string' ? formatDecimal(p.value) : ''),
      cellClassRules: { computed: () => true, preview: (p: CellClassParams<LineDraft>) => Boolean(p.data?.edited) },
    },
    withError({ ...num('grossKg', 92), valueSetter: weight('grossKg', 'gwAuto') }),
    withError({ ...num('netKg', 92), valueSetter: weight('netKg', 'nwAuto') }),
    withError({ ...num('cbm', 84), valueSetter: weight('cbm', 'cbmAuto') }),
  );
  if (kind === 'sales') {
    cols.push(
      withError({
        colId: 'stallId',
        headerName: L('stall'),
        width: 150,
        cellDataType: false,
        valueGetter: (p) => (p.data?.stallId == null ? '' : String(p.data.stallId)),
        valueFormatter: (p) => (p.data?.stallId == null ? '' : stallName(p.data.stallId)) || (p.data?.stallName ?? ''),
        valueSetter: (p: ValueSetterParams<LineDraft>) => {
          const v = typeof p.newValue === 'string' ? p.newValue : '';
          const id = /^\d+$/.test(v) ? Number(v) : null;
          if (id === p.data.stallId) return false;
          p.data.stallId = id;
          p.data.stallName = id === null ? '' : stallName(id);
          p.data.edited = true;
          return true;
        },
        cellEditorSelector: (p) => ({
          component: PickerCellEditor,
          popup: true,
          params: {
            options: () => c.stallOptions(),
            filter: filterByLabel,
            none: { value: '', label: t('common.none') },
            toValue: (o) => o.value,
            current: p.data?.stallId == null ? '' : String(p.data.stallId),
            placeholder: p.data?.stallName ?? '',
            ariaLabel: L('stall'),
          } satisfies PickerParams,
        }),
      }),
    );
  }
  cols.push(withError({ ...textCol<LineDraft>('notes', L('notes'), 160), filter: false }));
  return cols.map((col) => ({ headerTooltip: col.headerName, ...col }));
}
