/**
 * The home screen: quick actions, today's orders, who owes us and whom we owe the most, shipments on the
 * way, and products whose confirmed sales ask for more than is on hand. Every line opens its record.
 */
import { useAccess } from '../../access';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/trade';
import { call } from '../../api';
import { useNotify } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { BalanceCard, InTransitCard, StockWarningsCard, TodaysOrders } from './DashboardCards';
import { go } from './hash';
import { todayLocal } from './money';
import './money.css';

const QUICK_ACTIONS = [
  { key: 'newSalesOrder', hash: 'orders/new?kind=sales', primary: true },
  { key: 'newPurchaseOrder', hash: 'orders/new?kind=purchase', primary: false },
  { key: 'recordPaymentIn', hash: 'payments/new?direction=in', primary: false },
  { key: 'newShipment', hash: 'shipments/new', primary: false },
] as const;

export function DashboardScreen() {
  const { t } = useTranslation();
  const { isClerk } = useAccess();
  const notify = useNotify();
  const [data, setData] = useState<Dashboard | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    try {
      setData(await call('dashboard.summary', { today: todayLocal() }));
      setFailed(false);
    } catch (e) {
      setFailed(true);
      notify.error(t('errors.loadFailed', { message: describeError(t, e) }));
    }
  }, [notify, t]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="screen dashboard" aria-labelledby="dashboard-title">
      <div className="toolbar">
        <h1 id="dashboard-title">{t('dashboard.title')}</h1>
        {data && <span className="toolbar-hint">{t('dashboard.today', { date: data.today })}</span>}
        <div className="toolbar-actions dash-actions">
          {QUICK_ACTIONS.map((a) => (
            <button key={a.key} type="button" className={a.primary ? 'primary' : undefined} data-quick={a.key} onClick={() => go(a.hash)}>
              + {t(`dashboard.${a.key}`)}
            </button>
          ))}
          <button type="button" data-action="refresh" onClick={() => void load()}>
            {t('dashboard.refresh')}
          </button>
        </div>
      </div>
      {!data && !failed && <p className="dash-loading">{t('dashboard.loading')}</p>}
      {failed && !data && (
        <p className="dash-loading">
          <button type="button" className="primary" onClick={() => void load()}>
            {t('dashboard.retry')}
          </button>
        </p>
      )}
      {data && (
        <div className="dash-grid">
          <TodaysOrders orders={data.todaysOrders} />
          <BalanceCard kind="receivables" rows={data.receivables} />
          {!isClerk && <BalanceCard kind="payables" rows={data.payables} />}
          <InTransitCard shipments={data.inTransit} />
          <StockWarningsCard rows={data.stockWarnings} />
        </div>
      )}
    </section>
  );
}
