/**
 * The 1039 filing pack of a saved shipment: "Check" lists what stops the pack (the record, the field to fix
 * in the UI language, the core's message, and a way to where it is fixed); "Export" writes the workbook and
 * saves it (a download: the browser's save, in Electron the save dialog); a refused export offers a draft,
 * marked 草稿 DRAFT on every sheet. The pack is built from the shipment as saved, so both wait for a save.
 */
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FilingExport, FilingProblem } from '../../../../../shared/filing';
import type { Shipment } from '../../../../../shared/trade';
import { ApiCallError, call } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useAppState } from '../../../context';
import { normalizeDecimalInput } from '../../../lib/numbers';
import { issueText } from '../../../lib/errors';
import { coreText, failText } from '../common/messages';
import './filing.css';
import { saveWorkbook } from '../../../lib/saveWorkbook';
import { moneyText } from '../../../lib/format';

const PROBLEM_PATH = /^(company|shipment|shipmentLine|order|orderLine|party|product)\.(\d+)\.(.+)$/;

/** The field to fix, in the UI language (the raw name when the table does not know it). */
const FIELD_KEYS: Record<string, string> = {
  hsCode: 'shipments.filing.fields.hsCode',
  unit: 'shipments.filing.fields.unit',
  customsUnit: 'shipments.filing.fields.customsUnit',
  grossKg: 'shipments.filing.fields.grossKg',
  netKg: 'shipments.filing.fields.netKg',
  quantity: 'shipments.filing.fields.quantity',
  stallId: 'shipments.filing.fields.stallId',
  stallRegNo: 'shipments.filing.fields.stallRegNo',
  nationality: 'shipments.filing.fields.nationality',
  idDocNo: 'shipments.filing.fields.idDocNo',
  mpRegNo: 'shipments.filing.fields.mpRegNo',
  tradeMode: 'shipments.filing.fields.tradeMode',
  lines: 'shipments.filing.fields.lines',
  currency: 'shipments.filing.fields.currency',
  usdRate: 'shipments.filing.fields.usdRate',
  payments: 'shipments.filing.fields.payments',
};

const RECORD_KEYS: Record<FilingProblem['record'], string> = {
  company: 'shipments.filing.records.company',
  shipment: 'shipments.filing.records.shipment',
  shipmentLine: 'shipments.filing.records.shipmentLine',
  order: 'shipments.filing.records.order',
  orderLine: 'shipments.filing.records.orderLine',
  party: 'shipments.filing.records.party',
  product: 'shipments.filing.records.product',
};

type Values = Record<string, string>;
/** The validation messages of electron/core/filing/validate.ts, read in the UI language. */
const MESSAGES: Array<[RegExp, string, (x: RegExpExecArray) => Values]> = [
  [/^trade mode is (\S+): the filing pack is for market procurement/, 'shipments.filing.core.tradeMode', (x) => ({ mode: x[1] ?? '' })],
  [/^the shipment has no lines$/, 'shipments.filing.core.noLines', () => ({})],
  [/^no market-procurement registration no\./, 'shipments.filing.core.noMpRegNo', () => ({})],
  [/^no nationality:/, 'shipments.filing.core.noNationality', () => ({})],
  [/^no passport\/ID no\.:/, 'shipments.filing.core.noIdDocNo', () => ({})],
  [/^no HS code:/, 'shipments.filing.core.noHsCode', () => ({})],
  [/^HS code "(.*)" is not 10 digits$/, 'shipments.filing.core.hsCodeDigits', (x) => ({ code: x[1] ?? '' })],
  [/^no customs unit$/, 'shipments.filing.core.noUnit', () => ({})],
  [/^unit "(.*)" is not in the customs unit table$/, 'shipments.filing.core.unitUnknown', (x) => ({ unit: x[1] ?? '' })],
  [/^no gross weight$/, 'shipments.filing.core.noGross', () => ({})],
  [/^no net weight$/, 'shipments.filing.core.noNet', () => ({})],
  [/^net weight is more than gross weight$/, 'shipments.filing.core.netOverGross', () => ({})],
  [/^no stall:/, 'shipments.filing.core.noStall', () => ({})],
  [/^no stall registration no\./, 'shipments.filing.core.noStallRegNo', () => ({})],
  [/^unknown currency (\S+)$/, 'shipments.filing.core.unknownCurrency', (x) => ({ currency: x[1] ?? '' })],
  [/^no USD rate: give one \((\S+) per 1 USD\)/, 'shipments.filing.core.noUsdRate', (x) => ({ base: x[1] ?? '' })],
  [/^settled in cash by (.+): a 1039 export may not be settled in cash$/, 'shipments.filing.core.cash', (x) => ({ payments: x[1] ?? '' })],
  [/^one unit of this line is worth more than USD 150,000/, 'shipments.filing.core.unitOverCap', () => ({})],
  [/^declaration (\d+) is worth USD (\S+), more than USD 150,000$/, 'shipments.filing.core.declOverCap', (x) => ({ index: x[1] ?? '', usd: x[2] ?? '' })],
  [/^a rate with at most 6 decimals$|^the USD rate /, 'shipments.filing.core.rateFormat', () => ({})],
];

export function problemMessage(t: TFunction, message: string): string {
  for (const [re, key, values] of MESSAGES) {
    const x = re.exec(message);
    if (x) return t(key, values(x));
  }
  return coreText(t, message);
}

/** The record's name as the core gives it; "SO-2026-0003 line 2 (A-1001 玩具)" reads in the UI language. */
export function problemName(t: TFunction, p: FilingProblem): string {
  if (p.record !== 'orderLine' && p.record !== 'shipmentLine') return p.name;
  const x = /^(\S+) line (\d+)(?: \((.*)\))?$/.exec(p.name);
  if (!x) return p.name;
  return x[3] ? t('shipments.filing.names.lineItem', { no: x[1], line: x[2], item: x[3] }) : t('shipments.filing.names.line', { no: x[1], line: x[2] });
}

/** The problems of a refused export, from its issues (path "record.id.field", message "name: message"). */
function problemsOfIssues(error: ApiCallError): FilingProblem[] {
  return error.issues.flatMap((i) => {
    const x = PROBLEM_PATH.exec(i.path);
    if (!x) return [];
    const cut = i.message.indexOf(': ');
    const [name, message] = cut < 0 ? ['', i.message] : [i.message.slice(0, cut), i.message.slice(cut + 2)];
    return [{ record: x[1] as FilingProblem['record'], id: Number(x[2]), field: x[3] ?? '', name, message }];
  });
}


type Outcome =
  | { kind: 'checked'; problems: FilingProblem[] }
  | { kind: 'refused'; problems: FilingProblem[] }
  | { kind: 'exported'; pack: FilingExport; merge: boolean };

type Busy = null | 'check' | 'export' | 'draft';

interface Props {
  shipment: Shipment;
  /** the shipment has unsaved changes: the pack would not show them */
  dirty: boolean;
}

export function FilingPanel({ shipment, dirty }: Props) {
  const { t } = useTranslation();
  const { company } = useAppState();
  const base = company.baseCurrency;
  const [rate, setRate] = useState('');
  const [lastRate, setLastRate] = useState<string | null | undefined>(undefined);
  const [rateError, setRateError] = useState<string | undefined>(undefined);
  const [merge, setMerge] = useState(true);
  const [busy, setBusy] = useState<Busy>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [leaveTo, setLeaveTo] = useState<string | null>(null);
  const rateTouched = useRef(false);
  const rateRef = useRef<HTMLInputElement>(null);

  // a USD rate converts lines in other currencies; with the base in USD, or all lines in USD, none is needed
  const rateShown = base !== 'USD' && shipment.lines.some((l) => l.currency !== 'USD');
  const is1039 = shipment.tradeMode === '1039';

  useEffect(() => {
    if (base === 'USD') return;
    let live = true;
    call('rates.last', { currency: 'USD' })
      .then((r) => {
        if (!live) return;
        setLastRate(r);
        if (r !== null && !rateTouched.current) setRate(r);
      })
      .catch(() => live && setLastRate(null));
    return () => {
      live = false;
    };
  }, [base]);

  // a new save of the shipment makes what was checked or exported out of date
  useEffect(() => {
    setOutcome(null);
    setFailure(undefined);
  }, [shipment]);

  function args() {
    const usdRate = normalizeDecimalInput(rate);
    return { shipmentId: shipment.id, ...(rateShown && usdRate !== '' ? { usdRate } : {}) };
  }

  /** A failed call: the rate's problem next to the rate, anything else in the panel. */
  function fail(e: unknown) {
    const rateIssue = e instanceof ApiCallError ? e.issues.find((i) => i.path === 'usdRate') : undefined;
    if (rateIssue) {
      setRateError(issueText(t, rateIssue, problemMessage));
      rateRef.current?.focus();
      return;
    }
    setFailure(e instanceof ApiCallError && e.code === 'validation' ? e.issues.map((i) => issueText(t, i, problemMessage)).join('; ') || coreText(t, e.message) : failText(t, e));
  }

  async function run(kind: Exclude<Busy, null>) {
    if (busy !== null) return;
    setBusy(kind);
    setFailure(undefined);
    setRateError(undefined);
    try {
      if (kind === 'check') {
        setOutcome({ kind: 'checked', problems: await call('filing.validate', args()) });
        return;
      }
      const pack = await call('filing.export', { ...args(), simplified: merge, ...(kind === 'draft' ? { draft: true } : {}) });
      saveWorkbook(pack.fileName, pack.dataBase64);
      setOutcome({ kind: 'exported', pack, merge });
    } catch (e) {
      const refused = e instanceof ApiCallError && e.code === 'validation' && e.issues.some((i) => PROBLEM_PATH.test(i.path));
      if (!refused) {
        fail(e);
        return;
      }
      // the problems as records: read them again (exact names); the refusal's own list if that fails
      const problems = await call('filing.validate', args()).catch(() => problemsOfIssues(e));
      setOutcome({ kind: 'refused', problems: problems.length > 0 ? problems : problemsOfIssues(e) });
    } finally {
      setBusy(null);
    }
  }

  /** Where a problem is fixed: on this page (a field or a line), or another screen. */
  function fixOnPage(p: FilingProblem) {
    let target: HTMLElement | null = null;
    if (p.record === 'shipment' && p.field === 'usdRate') target = rateRef.current;
    else if (p.record === 'shipment') target = document.getElementById(`shipment-${p.field}`);
    else if (p.record === 'shipmentLine') target = document.querySelector<HTMLElement>(`.logi-lines-grid .ag-row[row-id="${p.id}"] .ag-cell[col-id="${p.field}"]`);
    target ??= document.getElementById('shipment-lines-title');
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }

  function follow(e: MouseEvent<HTMLAnchorElement>, href: string) {
    if (!dirty) return;
    e.preventDefault();
    setLeaveTo(href);
  }

  function fixOf(p: FilingProblem) {
    const link = (href: string, label: string) => (
      <a href={href} onClick={(e) => follow(e, href)} data-fix={href}>
        {label} →
      </a>
    );
    switch (p.record) {
      case 'company':
        return link('#settings', t('shipments.filing.fix.goTo', { screen: t('nav.settings') }));
      case 'shipment':
      case 'shipmentLine':
        return (
          <button type="button" className="link-button" data-fix="page" onClick={() => fixOnPage(p)}>
            {t('shipments.filing.fix.onPage')} ↑
          </button>
        );
      case 'order':
        return link(`#orders/${p.id}`, t('shipments.filing.fix.order'));
      case 'orderLine': {
        const orderId = shipment.lines.find((l) => l.orderLineId === p.id)?.orderId;
        return link(orderId !== undefined ? `#orders/${orderId}` : '#orders', t('shipments.filing.fix.order'));
      }
      case 'party':
        return link('#parties', t('shipments.filing.fix.goTo', { screen: t('nav.parties') }));
      case 'product':
        return link('#products', t('shipments.filing.fix.goTo', { screen: t('nav.products') }));
    }
  }

  function recordLabel(p: FilingProblem): string {
    if (p.record === 'party') return t(p.id === shipment.consigneeId ? 'shipments.filing.records.buyer' : 'shipments.filing.records.stall');
    return t(RECORD_KEYS[p.record] ?? p.record);
  }

  function problemList(problems: FilingProblem[]) {
    return (
      <table className="filing-problems" data-testid="filing-problems">
        <thead>
          <tr>
            <th scope="col">{t('shipments.filing.columns.record')}</th>
            <th scope="col">{t('shipments.filing.columns.field')}</th>
            <th scope="col">{t('shipments.filing.columns.problem')}</th>
            <th scope="col">{t('shipments.filing.columns.fix')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr key={`${p.record}:${p.id}:${p.field}`} data-record={p.record} data-id={p.id} data-field={p.field}>
              <td>
                <span className="filing-record">{recordLabel(p)}</span> {problemName(t, p)}
              </td>
              <td className="filing-field">{FIELD_KEYS[p.field] ? t(FIELD_KEYS[p.field]!) : p.field}</td>
              <td>{problemMessage(t, p.message)}</td>
              <td className="filing-fix">{fixOf(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  function declarations(pack: FilingExport, merge: boolean) {
    const ds = pack.declarations;
    // a pack in USD already shows its USD value
    const showUsd = ds.some((d) => d.currency !== 'USD');
    return (
      <>
        {ds.length > 1 && <p className="logi-note">{t('shipments.filing.split', { count: ds.length })}</p>}
        <table className="filing-decls" data-testid="filing-declarations">
          <thead>
            <tr>
              <th scope="col">{t('shipments.filing.decl.index')}</th>
              <th scope="col" className="num">
                {t('shipments.filing.decl.lines')}
              </th>
              <th scope="col" className="num">
                {t('shipments.filing.decl.kinds')}
              </th>
              <th scope="col">{t('shipments.filing.decl.simplified')}</th>
              <th scope="col" className="num">
                {t('shipments.filing.decl.amount')}
              </th>
              {showUsd && (
                <th scope="col" className="num">
                  {t('shipments.filing.decl.usd')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {ds.map((d) => (
              <tr key={d.index} data-declaration={d.index}>
                <td>{t('shipments.filing.decl.no', { index: d.index })}</td>
                <td className="num">{d.lines}</td>
                <td className="num">{d.kinds}</td>
                <td>{d.simplified ? t('shipments.filing.decl.merged', { count: d.mergedLines }) : merge ? t('shipments.filing.decl.notMerged') : t('shipments.filing.decl.mergeOff')}</td>
                <td className="num" data-testid="declaration-amount">
                  {d.amount === '' ? '—' : moneyText(d.amount, d.currency)}
                </td>
                {showUsd && (
                  <td className="num" data-testid="declaration-usd">
                    {d.usd === '' ? '—' : moneyText(d.usd, 'USD')}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }

  function result() {
    if (!outcome) return null;
    if (outcome.kind === 'checked' && outcome.problems.length === 0) {
      return (
        <div className="panel-message ok-message" role="status" data-testid="filing-ok">
          ✓ {t('shipments.filing.noProblems')}
        </div>
      );
    }
    if (outcome.kind === 'checked' || outcome.kind === 'refused') {
      const refused = outcome.kind === 'refused';
      return (
        <div className="filing-result" role="status">
          <div className="panel-message error" data-testid="filing-summary">
            {refused ? t('shipments.filing.refused', { count: outcome.problems.length }) : t('shipments.filing.problemsFound', { count: outcome.problems.length })}
          </div>
          {problemList(outcome.problems)}
          {refused && (
            <div className="filing-draft">
              <button type="button" data-action="filing-draft" disabled={busy !== null} aria-busy={busy === 'draft'} onClick={() => void run('draft')}>
                {busy === 'draft' ? t('shipments.filing.exporting') : t('shipments.filing.exportDraft')}
              </button>
              <span className="logi-note">{t('shipments.filing.draftHint')}</span>
            </div>
          )}
        </div>
      );
    }
    const { pack, merge: merged } = outcome;
    const draft = pack.problems.length > 0;
    return (
      <div className="filing-result" role="status">
        <div className={`panel-message ${draft ? 'warn-message' : 'ok-message'}`} data-testid="filing-exported">
          {draft ? t('shipments.filing.draftDone', { file: pack.fileName, count: pack.problems.length }) : t('shipments.filing.exported', { file: pack.fileName })}
          <button type="button" className="link-button" data-action="filing-save-again" onClick={() => saveWorkbook(pack.fileName, pack.dataBase64)}>
            {t('shipments.filing.saveAgain')}
          </button>
        </div>
        {declarations(pack, merged)}
        <p className="logi-note">{t('shipments.filing.copyKept')}</p>
        {draft && problemList(pack.problems)}
      </div>
    );
  }

  const blocked = dirty || busy !== null;

  return (
    <section className="filing" aria-labelledby="filing-title" data-testid="filing-panel">
      <div className="filing-head">
        <h2 id="filing-title">{t('shipments.filing.title')}</h2>
        <span className="logi-note">{t('shipments.filing.intro')}</span>
      </div>
      {!is1039 ? (
        <p className="logi-note filing-other-mode">{t('shipments.filing.notMarketProcurement', { mode: t(`shipments.tradeModes.${shipment.tradeMode}`, { defaultValue: shipment.tradeMode }) })}</p>
      ) : (
        <>
          <form
            className="filing-controls"
            onSubmit={(e) => {
              e.preventDefault();
              void run('check');
            }}
          >
            {rateShown && (
              <div className={`field filing-rate${rateError ? ' field-has-error' : ''}`} data-field="filing-usdRate">
                <label htmlFor="filing-usdRate" className="field-label">
                  {t('shipments.filing.usdRate', { base })}
                </label>
                <input
                  ref={rateRef}
                  id="filing-usdRate"
                  name="usdRate"
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={rate}
                  aria-invalid={Boolean(rateError)}
                  aria-describedby={rateError ? 'filing-usdRate-error' : 'filing-usdRate-hint'}
                  onChange={(e) => {
                    rateTouched.current = true;
                    setRate(e.target.value);
                    setRateError(undefined);
                    setOutcome(null);
                  }}
                />
                {rateError ? (
                  <div id="filing-usdRate-error" className="field-error" role="alert">
                    {rateError}
                  </div>
                ) : (
                  <div id="filing-usdRate-hint" className="field-hint">
                    {lastRate === null ? t('shipments.filing.usdRateNone', { base }) : t('shipments.filing.usdRateHint', { base })}
                  </div>
                )}
              </div>
            )}
            <div className="filing-merge">
              <label className="check">
                <input
                  id="filing-merge"
                  name="simplified"
                  type="checkbox"
                  checked={merge}
                  onChange={(e) => {
                    setMerge(e.target.checked);
                    if (outcome?.kind === 'exported') setOutcome(null);
                  }}
                />
                <span>{t('shipments.filing.merge')}</span>
              </label>
              <div className="field-hint">{t('shipments.filing.mergeRule')}</div>
            </div>
            <div className="filing-buttons">
              <button type="submit" data-action="filing-check" disabled={blocked} aria-busy={busy === 'check'}>
                {busy === 'check' ? t('shipments.filing.checking') : t('shipments.filing.check')}
              </button>
              <button type="button" className="primary" data-action="filing-export" disabled={blocked} aria-busy={busy === 'export'} onClick={() => void run('export')}>
                {busy === 'export' ? t('shipments.filing.exporting') : t('shipments.filing.export')}
              </button>
            </div>
          </form>
          {dirty && <p className="dirty-note filing-save-first">{t('shipments.filing.saveFirst')}</p>}
          {failure && (
            <div className="panel-message error" role="alert" data-testid="filing-failure">
              {failure}
            </div>
          )}
          {result()}
        </>
      )}
      {leaveTo !== null && (
        <ConfirmDialog
          text={t('common.leaveUnsaved')}
          confirmLabel={t('common.leaveWithoutSaving')}
          danger
          onConfirm={() => {
            const to = leaveTo;
            setLeaveTo(null);
            window.location.hash = to;
          }}
          onCancel={() => setLeaveTo(null)}
        />
      )}
    </section>
  );
}
