/**
 * What an export wrote, from the core's result: per ledger the documents, the lines, the amount in each
 * currency with its base-currency amount, and the ledger's total in base currency; the import taxes. The
 * amounts are the core's strings, shown as they are (the same figures as the workbook's summary sheet).
 */
import { useTranslation } from 'react-i18next';
import { LEDGER_KEYS, type LedgerKey, type LedgersResult } from '../../../../shared/ledgers';
import { formatDecimal, formatMoney } from '../../lib/format';

const NAME_KEYS: Record<LedgerKey, string> = {
  sales: 'reports.ledgers.sales',
  purchases: 'reports.ledgers.purchases',
  exports: 'reports.ledgers.exports',
  imports: 'reports.ledgers.imports',
  paymentsIn: 'reports.ledgers.paymentsIn',
  paymentsOut: 'reports.ledgers.paymentsOut',
  receivables: 'reports.ledgers.receivables',
  payables: 'reports.ledgers.payables',
};

const SCOPE_KEYS: Record<LedgerKey, string> = {
  sales: 'reports.scope.sales',
  purchases: 'reports.scope.purchases',
  exports: 'reports.scope.exports',
  imports: 'reports.scope.imports',
  paymentsIn: 'reports.scope.paymentsIn',
  paymentsOut: 'reports.scope.paymentsOut',
  receivables: 'reports.scope.receivables',
  payables: 'reports.scope.payables',
};

const TAX_KEYS: Record<keyof LedgersResult['importTaxes'], string> = {
  customsValue: 'reports.summary.customsValue',
  duty: 'reports.summary.duty',
  vat: 'reports.summary.vat',
  landedCost: 'reports.summary.landedCost',
};

const FLOWS: readonly LedgerKey[] = LEDGER_KEYS.filter((k) => k !== 'receivables' && k !== 'payables');
const BALANCES: readonly LedgerKey[] = ['receivables', 'payables'];

export function LedgerSummary({ result }: { result: LedgersResult }) {
  const { t } = useTranslation();
  const base = result.baseCurrency;

  function row(key: LedgerKey) {
    const count = result.counts[key];
    const total = result.totals[key];
    const empty = total.byCurrency.length === 0;
    return (
      <tr key={key} data-ledger={key} className={count.lines === 0 ? 'reports-empty-row' : undefined}>
        <th scope="row">
          <span className="reports-ledger-name">{t(NAME_KEYS[key])}</span>
          <span className="reports-scope">{t(SCOPE_KEYS[key], { date: result.to })}</span>
        </th>
        <td className="num" data-col="documents">
          {count.documents}
        </td>
        <td className="num" data-col="lines">
          {count.lines}
        </td>
        <td className="num" data-col="amount">
          {empty
            ? '—'
            : total.byCurrency.map((c) => (
                <div key={c.currency} data-currency={c.currency}>
                  <span className="reports-ccy">{c.currency}</span> {formatMoney(c.amount, c.currency)}
                </div>
              ))}
        </td>
        <td className="num" data-col="base">
          {empty
            ? '—'
            : total.byCurrency.map((c) => (
                <div key={c.currency} data-currency={c.currency}>
                  {formatDecimal(c.baseAmount)}
                </div>
              ))}
        </td>
        <td className="num reports-total" data-col="total">
          {formatDecimal(total.baseAmount)}
        </td>
      </tr>
    );
  }

  const taxes = result.importTaxes;
  return (
    <>
      <table className="reports-summary" data-testid="ledger-summary">
        <thead>
          <tr>
            <th scope="col">{t('reports.summary.ledger')}</th>
            <th scope="col" className="num">
              {t('reports.summary.documents')}
            </th>
            <th scope="col" className="num">
              {t('reports.summary.lines')}
            </th>
            <th scope="col" className="num">
              {t('reports.summary.amount')}
            </th>
            <th scope="col" className="num">
              {t('reports.summary.inBase', { base })}
            </th>
            <th scope="col" className="num">
              {t('reports.summary.total', { base })}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="reports-group">
            <th scope="rowgroup" colSpan={6}>
              {t('reports.summary.flows', { from: result.from, to: result.to })}
            </th>
          </tr>
          {FLOWS.map(row)}
          <tr className="reports-group">
            <th scope="rowgroup" colSpan={6}>
              {t('reports.summary.balances', { date: result.to })}
            </th>
          </tr>
          {BALANCES.map(row)}
        </tbody>
      </table>
      {result.counts.imports.lines > 0 && (
        <div className="reports-taxes" data-testid="import-taxes">
          <span className="reports-taxes-title">{t('reports.summary.importTaxes', { base })}</span>
          <dl>
            {(['customsValue', 'duty', 'vat', 'landedCost'] as const).map((k) => (
              <div key={k}>
                <dt>{t(TAX_KEYS[k])}</dt>
                <dd className="num" data-tax={k}>
                  {taxes[k]}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      <p className="reports-note" data-testid="sheet-list">
        {t('reports.summary.sheets', { count: result.sheets.length, names: result.sheets.join(t('reports.summary.listSeparator')) })}
      </p>
    </>
  );
}
