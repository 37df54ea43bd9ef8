/**
 * "Export to Excel" of the orders list through the core (electron/core/trade/order-export.ts): the grid uses
 * server-side paging and holds only the blocks it has loaded, so the core reads every order of the filter.
 */
import { z } from 'zod';
import { GridExportColumnSchema, GridExportSchema } from './gridExport';
import { OrderListSchema, OrderPageSchema, ORDER_STATUSES, type OrderStatus } from './trade';

const text = (max: number) => z.string().max(max).transform((s) => s.trim());

/** Columns of the orders list that "Export to Excel" can write (fields of OrderSummary). */
export const ORDER_EXPORT_FIELDS = ['no', 'orderDate', 'partyName', 'currency', 'rate', 'amount', 'baseAmount', 'paid', 'unpaid', 'status', 'lineCount', 'cartons', 'quantity', 'grossKg', 'netKg', 'cbm'] as const;
export type OrderExportField = (typeof ORDER_EXPORT_FIELDS)[number];

/**
 * The orders list to Excel through the core (the grid holds only the blocks it has loaded): every order of the
 * filter in the grid's sort, the columns as the grid shows them (header, width, kind — as grid.export takes
 * them — plus the field each one shows), and the words the screen shows for each status.
 */
export const OrdersExportSchema = z
  .object({
    query: z.object({ ...OrderListSchema.shape, sort: OrderPageSchema.shape.sort }).strict(),
    columns: z.array(GridExportColumnSchema.extend({ field: z.enum(ORDER_EXPORT_FIELDS) }).strict()).min(1, 'no visible column to export').max(ORDER_EXPORT_FIELDS.length),
    statusWords: z.object(Object.fromEntries(ORDER_STATUSES.map((s) => [s, text(50)])) as Record<OrderStatus, ReturnType<typeof text>>).strict(),
    title: GridExportSchema.shape.title,
    labels: GridExportSchema.shape.labels,
    language: GridExportSchema.shape.language,
    cancelToken: GridExportSchema.shape.cancelToken,
  })
  .strict()
  .superRefine((v, ctx) => {
    v.columns.forEach((c, i) => {
      if (c.currencyColumn === undefined) return;
      if (c.kind !== 'money') ctx.addIssue({ code: 'custom', path: ['columns', i, 'currencyColumn'], message: 'only a money column has a currency column' });
      else if (c.currencyColumn >= v.columns.length || c.currencyColumn === i) ctx.addIssue({ code: 'custom', path: ['columns', i, 'currencyColumn'], message: `no column ${c.currencyColumn} holds the currency` });
    });
  });
export type OrdersExport = z.output<typeof OrdersExportSchema>;
