/**
 * The buttons of an order by its status: Save (Ctrl+S) while it can change; Confirm and Delete for a draft;
 * Generate purchase orders for a sales order with stall lines; Receive goods for a confirmed purchase order;
 * Close once confirmed; Cancel (with a reason) while nothing is shipped or received; Sales contract (Excel, Chinese +
 * the buyer's language) for a saved sales order that is not cancelled.
 */
import { useAccess } from '../../access';
import { useTranslation } from 'react-i18next';
import type { Order, OrderKind } from '../../../../shared/trade';
import { isEditable } from './status';

export type OrderAction = 'save' | 'confirm' | 'generate' | 'receive' | 'close' | 'cancel' | 'delete' | 'contract';

interface OrderActionsProps {
  order: Order | null;
  kind: OrderKind;
  saving: boolean;
  hasStallLines: boolean;
  onAction: (a: OrderAction) => void;
}

export function OrderActions({ order, kind, saving, hasStallLines, onAction }: OrderActionsProps) {
  const { t } = useTranslation();
  // a clerk reads purchase orders (without prices) and receives goods, but does not write them, generate
  // them, cancel or delete (shared/permissions.ts; the core refuses these anyway)
  const { isClerk } = useAccess();
  const writable = !(isClerk && kind === 'purchase');
  const status = order?.status ?? 'draft';
  const button = (a: OrderAction, label: string, cls = '') => (
    <button type="button" className={cls || undefined} data-action={a} onClick={() => onAction(a)}>
      {label}
    </button>
  );
  return (
    <div className="toolbar-actions order-actions">
      {isEditable(status) && writable && (
        <button type="button" className="primary" data-action="save" disabled={saving} onClick={() => onAction('save')} title="Ctrl+S">
          {saving ? t('common.saving') : t('common.save')}
        </button>
      )}
      {order && status === 'draft' && button('confirm', t('orders.actions.confirm'))}
      {order && kind === 'sales' && hasStallLines && isEditable(status) && !isClerk && button('generate', t('orders.actions.generate'))}
      {order && kind === 'purchase' && (status === 'confirmed' || status === 'partial') && button('receive', t('orders.actions.receive'))}
      {order && (status === 'confirmed' || status === 'partial' || status === 'complete') && button('close', t('orders.actions.close'))}
      {order && !isClerk && (status === 'draft' || status === 'confirmed') && button('cancel', t('orders.actions.cancelOrder'), 'danger-outline')}
      {order && kind === 'sales' && status !== 'cancelled' && button('contract', t('docs.contract'))}
      {order && !isClerk && status === 'draft' && button('delete', t('common.delete'), 'danger-outline')}
      {isClerk && order && (status === 'draft' || status === 'confirmed') && <span className="owner-only-note">{t('access.orders.clerkNote')}</span>}
    </div>
  );
}
