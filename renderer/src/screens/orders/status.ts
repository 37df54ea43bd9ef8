/** Order status in words (the sales and purchase words differ for partial / complete) and its colour class. */
import type { TFunction } from 'i18next';
import type { OrderKind, OrderStatus } from '../../../../shared/trade';

export function statusText(t: TFunction, status: OrderStatus, kind: OrderKind): string {
  switch (status) {
    case 'draft':
      return t('orders.status.draft');
    case 'confirmed':
      return t('orders.status.confirmed');
    case 'partial':
      return kind === 'sales' ? t('orders.status.partialSales') : t('orders.status.partialPurchase');
    case 'complete':
      return kind === 'sales' ? t('orders.status.completeSales') : t('orders.status.completePurchase');
    case 'closed':
      return t('orders.status.closed');
    case 'cancelled':
      return t('orders.status.cancelled');
  }
}

export const statusClass = (status: OrderStatus) => `order-status status-${status}`;

/** Lines can be edited (the core refuses edits of closed and cancelled orders). */
export const isEditable = (status: OrderStatus) => status !== 'closed' && status !== 'cancelled';
