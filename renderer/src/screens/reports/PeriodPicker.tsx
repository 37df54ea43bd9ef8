/**
 * The period of the ledgers: this month, last month, a month, a quarter of a year, a year, or from–to. Under
 * the choice, the dates it stands for. Switching the kind keeps the period the user had (last month →
 * "a month" shows that month; → "from–to" shows its first and last day) and puts the cursor in its field.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { PERIOD_KINDS, QUARTERS, resolvePeriod, seedFrom, type PeriodField, type PeriodInput, type PeriodKind, type Quarter, type Resolved } from './period';

const KIND_KEYS: Record<PeriodKind, string> = {
  thisMonth: 'reports.period.kinds.thisMonth',
  lastMonth: 'reports.period.kinds.lastMonth',
  month: 'reports.period.kinds.month',
  quarter: 'reports.period.kinds.quarter',
  year: 'reports.period.kinds.year',
  custom: 'reports.period.kinds.custom',
};

const QUARTER_KEYS: Record<Quarter, string> = {
  1: 'reports.period.q1',
  2: 'reports.period.q2',
  3: 'reports.period.q3',
  4: 'reports.period.q4',
};

/** The element id of each field (also what an error focuses). */
export const FIELD_IDS: Record<PeriodField, string> = {
  month: 'reports-month',
  quarterYear: 'reports-quarterYear',
  year: 'reports-year',
  from: 'reports-from',
  to: 'reports-to',
};

interface Props {
  period: PeriodInput;
  resolved: Resolved;
  today: string;
  errors: Partial<Record<PeriodField, string>>;
  onChange: (next: PeriodInput) => void;
}

export function PeriodPicker({ period, resolved, today, errors, onChange }: Props) {
  const { t } = useTranslation();
  const kindChanged = useRef(false);

  // a kind with fields: the cursor goes to its first field
  useEffect(() => {
    if (!kindChanged.current) return;
    kindChanged.current = false;
    const first: Partial<Record<PeriodKind, PeriodField>> = { month: 'month', quarter: 'quarterYear', year: 'year', custom: 'from' };
    const field = first[period.kind];
    if (field) document.getElementById(FIELD_IDS[field])?.focus();
  }, [period.kind]);

  function chooseKind(kind: PeriodKind) {
    if (kind === period.kind) return;
    kindChanged.current = true;
    const r = resolvePeriod(period, today);
    onChange(r.ok ? seedFrom(kind, r.from, r.to) : { ...period, kind });
  }

  const set = <K extends keyof PeriodInput>(key: K, value: PeriodInput[K]) => onChange({ ...period, [key]: value });

  const yearField = (field: 'year' | 'quarterYear') => (
    <Field id={FIELD_IDS[field]} label={t('reports.period.year')} error={errors[field]}>
      {(aria) => (
        <input
          {...aria}
          className="reports-year"
          name={field}
          type="text"
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
          value={period[field]}
          onChange={(e) => set(field, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <fieldset className="reports-period" data-testid="period-picker">
      <legend className="field-label">{t('reports.period.label')}</legend>
      <div className="segmented reports-kinds" role="group" aria-label={t('reports.period.label')}>
        {PERIOD_KINDS.map((k) => (
          <button key={k} type="button" data-period={k} aria-pressed={period.kind === k} onClick={() => chooseKind(k)}>
            {t(KIND_KEYS[k])}
          </button>
        ))}
      </div>
      <div className="reports-period-fields">
        {period.kind === 'month' && (
          <Field id={FIELD_IDS.month} label={t('reports.period.month')} error={errors.month}>
            {(aria) => <input {...aria} name="month" type="month" min="1900-01" max="9999-12" value={period.month} onChange={(e) => set('month', e.target.value)} />}
          </Field>
        )}
        {period.kind === 'quarter' && (
          <>
            {yearField('quarterYear')}
            <div className="field">
              <span className="field-label" id="reports-quarter-label">
                {t('reports.period.quarter')}
              </span>
              <div className="segmented" role="group" aria-labelledby="reports-quarter-label">
                {QUARTERS.map((q) => (
                  <button key={q} type="button" data-quarter={q} aria-pressed={period.quarter === q} onClick={() => set('quarter', q)}>
                    {t(QUARTER_KEYS[q])}
                  </button>
                ))}
              </div>
            </div>
          </>
        )}
        {period.kind === 'year' && yearField('year')}
        {period.kind === 'custom' && (
          <>
            <Field id={FIELD_IDS.from} label={t('reports.period.from')} error={errors.from}>
              {(aria) => <input {...aria} name="from" type="date" min="1900-01-01" max="9999-12-31" value={period.from} onChange={(e) => set('from', e.target.value)} />}
            </Field>
            <span className="reports-dash" aria-hidden="true">
              –
            </span>
            <Field id={FIELD_IDS.to} label={t('reports.period.to')} error={errors.to}>
              {(aria) => <input {...aria} name="to" type="date" min="1900-01-01" max="9999-12-31" value={period.to} onChange={(e) => set('to', e.target.value)} />}
            </Field>
          </>
        )}
      </div>
      <div className="reports-range" data-testid="period-range">
        {resolved.ok ? (
          <>
            <span className="reports-range-label">{t('reports.period.dates')}</span>
            <strong data-testid="period-from">{resolved.from}</strong>
            <span>{t('reports.period.until')}</span>
            <strong data-testid="period-to">{resolved.to}</strong>
            <span className="reports-days">{t('reports.period.days', { days: resolved.days })}</span>
          </>
        ) : (
          <span className="reports-range-label">{t('reports.period.incomplete')}</span>
        )}
      </div>
    </fieldset>
  );
}
