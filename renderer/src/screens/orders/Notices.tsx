/** The small notices of the order screen: the removed line with Undo, the save problems, the purchase orders made. */
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/trade';
import type { LineDraft } from './lineModel';
import type { LineIssue } from './saveProblems';
import { usePartyNames } from '../../lib/names';
import { moneyText } from '../../lib/format';

export function UndoBar({ line, index, onUndo, onDismiss }: { line: LineDraft; index: number; onUndo: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="undo-bar" role="status" data-testid="undo-bar">
      <span>{t('orders.lineRemoved', { line: index + 1, name: line.itemNo || line.nameZh || line.nameEn || '' })}</span>
      <button type="button" className="link-button" onClick={onUndo}>
        {t('orders.undo')} (Ctrl+Z)
      </button>
      <button type="button" className="toast-close" aria-label={t('common.dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

/** The problems of the last save; a line's problem takes the keyboard to its cell. */
export function IssueList({ issues, onGoTo }: { issues: LineIssue[]; onGoTo: (rowKey: number, colId: string) => void }) {
  return (
    <ul className="order-issues" role="alert" data-testid="order-issues">
      {issues.map((i, n) => (
        <li key={n}>
          {i.rowKey !== null && i.colId !== null ? (
            <button type="button" className="link-button" onClick={() => onGoTo(i.rowKey as number, i.colId as string)}>
              {i.text}
            </button>
          ) : (
            i.text
          )}
        </li>
      ))}
    </ul>
  );
}

export function GeneratedList({ orders, onDismiss }: { orders: Order[]; onDismiss: () => void }) {
  const name = usePartyNames();
  const { t } = useTranslation();
  return (
    <div className="generated" role="status" data-testid="generated-pos">
      <span>{t('orders.generatedList')}</span>
      {orders.map((po) => (
        <a key={po.id} href={`#orders/${po.id}`} data-po={po.no}>
          {po.no} · {name(po.partyId, po.partyName)} · {moneyText(po.amount, po.currency)}
        </a>
      ))}
      <button type="button" className="toast-close" aria-label={t('common.dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
