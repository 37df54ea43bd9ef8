/** Finding entries in the line grid's pickers: products by item no. or name, stalls by name or booth. */
import type { PickerOption } from './PickerCellEditor';

/** Entries whose label holds every typed word, best first: `key` exact, `key` starting with it, a word starting with it. */
export function rankedFilter(key: (o: PickerOption) => string) {
  return (options: PickerOption[], query: string): PickerOption[] => {
    const q = query.trim().toLowerCase();
    if (q === '') return options;
    const tokens = q.split(/\s+/);
    const rank = (o: PickerOption) => {
      const k = key(o).toLowerCase();
      if (k === q) return 0;
      if (k.startsWith(q)) return 1;
      if (o.label.toLowerCase().split(/[\s·]+/).some((w) => w.startsWith(q))) return 2;
      return 3;
    };
    return options
      .filter((o) => tokens.every((tok) => o.label.toLowerCase().includes(tok)))
      .map((o, i) => ({ o, r: rank(o), i }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.o);
  };
}

export interface ProductOption extends PickerOption {
  itemNo: string;
}

/** Products: the item no. ranks first ("A-1" finds A-1001 before a name that holds "a-1"). */
export const filterProducts = rankedFilter((o) => (o as ProductOption).itemNo ?? '');

/** Stalls and other named entries: by the start of the label. */
export const filterByLabel = rankedFilter((o) => o.label);

/** What a product cell's picker hands to the column. */
export type ProductPick = { productId: number } | { free: string } | { none: true };
