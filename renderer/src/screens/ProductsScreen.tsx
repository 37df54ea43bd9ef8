/** Products: item no., names, customs data, carton size and weights, price and supplier. */
import { useAccess } from '../access';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { ApiArg, Product } from '../../../shared/api';
import { call } from '../api';
import { RecordScreen, type RecordCalls } from '../components/RecordScreen';
import { useAppState } from '../context';
import { BRAND_TYPE_CODES, brandTypeLabel } from '../lib/codes';
import { boolCol, codeCol, decimalCol, optionCol, textCol } from '../lib/columns';
import { productName, usePartyNames } from '../lib/names';
import { ProductForm } from './ProductForm';

type ProductPatch = ApiArg<'products.update'>['patch'];

export function ProductsScreen() {
  const { t, i18n } = useTranslation();
  const { language: lang } = useAppState();
  // a product's default price is the owner's (often the stall price): the core blanks it for a clerk
  const { isClerk } = useAccess();

  const calls = useMemo<RecordCalls<Product>>(
    () => ({
      list: ({ search, includeArchived }) => call('products.list', { search: search || undefined, includeArchived }),
      update: (id, patch) => call('products.update', { id, patch: patch as ProductPatch }),
      archive: (id, archived) => call('products.archive', { id, archived }),
      remove: (id) => call('products.delete', { id }),
    }),
    [],
  );

  const label = useCallback((f: string) => (i18n.exists(`product.fields.${f}`) ? t(`product.fields.${f}`) : undefined), [t, i18n]);

  const names = usePartyNames();
  const columnDefs = useMemo<ColDef<Product>[]>(() => {
    const L = (f: keyof Product & string) => label(f) ?? f;
    const brandTypeOptions = BRAND_TYPE_CODES.map((c) => ({ value: c, label: brandTypeLabel(c, lang) }));
    const cols: ColDef<Product>[] = [
      textCol<Product>('itemNo', L('itemNo'), 120),
      textCol<Product>('nameZh', L('nameZh'), 160),
      textCol<Product>('nameEn', L('nameEn'), 160),
      textCol<Product>('spec', L('spec'), 140),
      { ...textCol<Product>('hsCode', L('hsCode'), 120), cellEditorParams: { maxLength: 13 } },
      textCol<Product>('declElements', L('declElements'), 200),
      textCol<Product>('brand', L('brand'), 110),
      optionCol<Product>('brandType', L('brandType'), 150, brandTypeOptions, (v) => brandTypeLabel(v, lang)),
      codeCol<Product>('customsUnit', L('customsUnit'), 120, 'units', lang),
      {
        colId: 'pcsPerCarton',
        field: 'pcsPerCarton',
        headerName: L('pcsPerCarton'),
        width: 110,
        editable: true,
        cellDataType: 'number',
        filter: 'agNumberColumnFilter',
        cellEditor: 'agNumberCellEditor',
        cellEditorParams: { min: 1, precision: 0 },
      },
      decimalCol<Product>('cartonLengthCm', L('cartonLengthCm'), 105),
      decimalCol<Product>('cartonWidthCm', L('cartonWidthCm'), 105),
      decimalCol<Product>('cartonHeightCm', L('cartonHeightCm'), 105),
      { ...decimalCol<Product>('cbmPerCarton', L('cbmPerCarton'), 120, false), cellClass: 'computed' },
      decimalCol<Product>('grossKgPerCarton', L('grossKgPerCarton'), 130),
      decimalCol<Product>('netKgPerCarton', L('netKgPerCarton'), 130),
      decimalCol<Product>('defaultPrice', L('defaultPrice'), 115),
      // the cell shows the bare code ("USD"), which is what traders read; the editor list names them
      { ...codeCol<Product>('currency', L('currency'), 100, 'currencies', lang), valueFormatter: (p) => String(p.value ?? '') },
      { ...textCol<Product>('supplierName', L('supplierId'), 160, false), valueGetter: (p) => (p.data ? names(p.data.supplierId, p.data.supplierName) : '') },
      { ...decimalCol<Product>('onHand', L('onHand'), 100, false), cellClass: 'computed' },
      decimalCol<Product>('importDutyRate', L('importDutyRate'), 120),
      decimalCol<Product>('importVatRate', L('importVatRate'), 130),
      boolCol<Product>('inspection', L('inspection'), 90),
      boolCol<Product>('taxable', L('taxable'), 90),
      textCol<Product>('notes', L('notes'), 200),
      boolCol<Product>('archived', L('archived'), 90, false),
    ];
    return cols.filter((c) => !(isClerk && c.colId === 'defaultPrice'));
  }, [label, lang, isClerk, names]);

  return (
    <RecordScreen<Product>
      name="products"
      title={t('product.title')}
      searchPlaceholder={t('product.searchPlaceholder')}
      calls={calls}
      columnDefs={columnDefs}
      displayName={(p) => productName(p, lang)}
      fieldLabel={label}
      renderForm={(args) => <ProductForm {...args} fieldLabel={label} />}
    />
  );
}
