/** The cards of the home screen. Each lists a few records (each a link to it) or says how to get some. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalanceRow, OrderSummary, ShipmentSummary, StockRow } from '../../../../shared/trade';
import { useAppState } from '../../context';
import { localName, usePartyNames } from '../../lib/names';
import { go } from './hash';
import { isZero, negate } from './money';
import { moneyText } from '../../lib/format';

interface CardProps {
  id: string;
  title: string;
  count?: number | undefined;
  more?: { label: string; hash: string } | undefined;
  empty: { text: string; hint: string; action: string; hash: string } | null;
  children?: ReactNode;
}

export function Card({ id, title, count, more, empty, children }: CardProps) {
  const headingId = `card-${id}-title`;
  return (
    <section className="dash-card" data-card={id} aria-labelledby={headingId}>
      <header className="dash-card-head">
        <h2 id={headingId}>
          {title}
          {count !== undefined && <span className="dash-count">{count}</span>}
        </h2>
        {more && (
          <a className="dash-more" href={`#${more.hash}`}>
            {more.label} →
          </a>
        )}
      </header>
      {empty ? (
        <div className="dash-empty">
          <p className="dash-empty-text">{empty.text}</p>
          <p className="dash-empty-hint">{empty.hint}</p>
          <button type="button" onClick={() => go(empty.hash)}>
            {empty.action}
          </button>
        </div>
      ) : (
        <ul className="dash-list">{children}</ul>
      )}
    </section>
  );
}

function Row({ hash, testId, children }: { hash: string; testId?: string; children: ReactNode }) {
  return (
    <li>
      <a className="dash-row" href={`#${hash}`} data-testid={testId}>
        {children}
      </a>
    </li>
  );
}

export function TodaysOrders({ orders }: { orders: OrderSummary[] }) {
  const name = usePartyNames();
  const { t } = useTranslation();
  return (
    <Card
      id="today-orders"
      title={t('dashboard.todayOrders')}
      count={orders.length}
      more={orders.length > 0 ? { label: t('dashboard.allOrders'), hash: 'orders' } : undefined}
      empty={
        orders.length === 0
          ? { text: t('dashboard.noOrdersToday'), hint: t('dashboard.noOrdersTodayHint'), action: `+ ${t('dashboard.newSalesOrder')}`, hash: 'orders/new?kind=sales' }
          : null
      }
    >
      {orders.map((o) => (
        <Row key={o.id} hash={`orders/${o.id}`} testId={`order-${o.no}`}>
          <span className="dash-main">
            <span className="dash-line">
              <span className="dash-no">{o.no}</span>
              <span className={`dash-tag kind-${o.kind}`}>{t(`dashboard.kind.${o.kind}`)}</span>
            </span>
            <span className="dash-name dash-sub">{name(o.partyId, o.partyName)}</span>
          </span>
          <span className="dash-side">
            <span className="dash-amount">
              {moneyText(o.amount, o.currency)}
            </span>
            <span className="dash-sub">{t(`dashboard.status.${o.kind}.${o.status}`)}</span>
          </span>
        </Row>
      ))}
    </Card>
  );
}

const BUCKETS = ['d90plus', 'd61_90', 'd31_60', 'd0_30'] as const;

/** The oldest aging bucket that holds money ('' when only unapplied payments make the balance). */
function oldestBucket(r: BalanceRow): (typeof BUCKETS)[number] | '' {
  return BUCKETS.find((b) => !isZero(r.aging[b])) ?? '';
}

export function BalanceCard({ kind, rows }: { kind: 'receivables' | 'payables'; rows: BalanceRow[] }) {
  const name = usePartyNames();
  const { t } = useTranslation();
  const { company } = useAppState();
  const receivables = kind === 'receivables';
  return (
    <Card
      id={kind}
      title={t(receivables ? 'dashboard.topReceivables' : 'dashboard.topPayables')}
      more={rows.length > 0 ? { label: t('dashboard.allBalances'), hash: receivables ? 'balances' : 'balances/payables' } : undefined}
      empty={
        rows.length === 0
          ? receivables
            ? { text: t('dashboard.noReceivables'), hint: t('dashboard.noReceivablesHint'), action: `+ ${t('dashboard.newSalesOrder')}`, hash: 'orders/new?kind=sales' }
            : { text: t('dashboard.noPayables'), hint: t('dashboard.noPayablesHint'), action: `+ ${t('dashboard.newPurchaseOrder')}`, hash: 'orders/new?kind=purchase' }
          : null
      }
    >
      {rows.map((r) => {
        const bucket = oldestBucket(r);
        // payables come as negative balances: shown as the positive amount we owe
        const amount = receivables ? r.balance : negate(r.balance);
        const base = receivables ? r.baseBalance : negate(r.baseBalance);
        return (
          <Row key={`${r.partyId}-${r.currency}`} hash={`payments/party/${r.partyId}`} testId={`${kind}-${r.partyId}-${r.currency}`}>
            <span className="dash-main">
              <span className="dash-name dash-strong">{name(r.partyId, r.partyName)}</span>
              <span className="dash-line">
                {bucket ? (
                  <span className={`dash-tag age-${bucket}`}>{t('dashboard.oldest', { bucket: t(`balances.columns.${bucket}`) })}</span>
                ) : (
                  <span className="dash-sub">{t('dashboard.onAccountOnly')}</span>
                )}
              </span>
            </span>
            <span className="dash-side">
              <span className="dash-amount">
                {moneyText(amount, r.currency)}
              </span>
              {r.currency !== company.baseCurrency && (
                <span className="dash-sub">
                  {moneyText(base, company.baseCurrency)}
                </span>
              )}
            </span>
          </Row>
        );
      })}
    </Card>
  );
}

export function InTransitCard({ shipments }: { shipments: ShipmentSummary[] }) {
  const name = usePartyNames();
  const { t } = useTranslation();
  return (
    <Card
      id="in-transit"
      title={t('dashboard.inTransit')}
      count={shipments.length}
      more={shipments.length > 0 ? { label: t('dashboard.allShipments'), hash: 'shipments' } : undefined}
      empty={shipments.length === 0 ? { text: t('dashboard.noInTransit'), hint: t('dashboard.noInTransitHint'), action: `+ ${t('dashboard.newShipment')}`, hash: 'shipments/new' } : null}
    >
      {shipments.map((s) => (
        <Row key={s.id} hash={`shipments/${s.id}`} testId={`shipment-${s.no}`}>
          <span className="dash-main">
            <span className="dash-no">{s.no}</span>
            <span className="dash-name dash-sub">{name(s.consigneeId, s.consigneeName)}</span>
          </span>
          <span className="dash-side">
            <span className="dash-mono">{[s.containerNo, s.containerType].filter(Boolean).join(' ') || t('dashboard.noContainer')}</span>
            <span className="dash-sub">{s.eta ? t('dashboard.eta', { date: s.eta }) : t('dashboard.noEta')}</span>
          </span>
        </Row>
      ))}
    </Card>
  );
}

export function StockWarningsCard({ rows }: { rows: StockRow[] }) {
  const { t } = useTranslation();
  const { language } = useAppState();
  return (
    <Card
      id="stock-warnings"
      title={t('dashboard.stockWarnings')}
      count={rows.length}
      more={rows.length > 0 ? { label: t('dashboard.allStock'), hash: 'stock' } : undefined}
      empty={rows.length === 0 ? { text: t('dashboard.noStockWarnings'), hint: t('dashboard.noStockWarningsHint'), action: t('dashboard.toStock'), hash: 'stock' } : null}
    >
      {rows.map((s) => (
        <Row key={s.productId} hash="stock" testId={`stock-${s.itemNo}`}>
          <span className="dash-main">
            <span className="dash-no">{s.itemNo}</span>
            <span className="dash-name dash-sub">{localName(s, language)}</span>
          </span>
          <span className="dash-side">
            <span className="dash-amount money-negative">{t('dashboard.onHandVsCommitted', { onHand: s.onHand, committed: s.committed })}</span>
          </span>
        </Row>
      ))}
    </Card>
  );
}
