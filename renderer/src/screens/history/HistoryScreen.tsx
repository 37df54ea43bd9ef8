/**
 * History: the audit trail of the whole file (#history) or of one record (#history/<kind>/<id>), newest
 * first. A banner says whether the trail's hash chain is intact (and where it breaks when it is not);
 * filters by kind of record and by local days; the grid sorts, filters and exports to Excel.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { AUDIT_ENTITIES, type AuditEntity, type AuditEntry, type AuditVerifyResult } from '../../../../shared/api';
import { call } from '../../api';
import { DataGrid } from '../../components/DataGrid';
import { useNotify } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { changesText, localTime } from './changes';
import './history.css';

interface RecordRef {
  entity: AuditEntity;
  id: number;
}

/** The record named in the address, #history/party/12; null for the whole file. */
function recordFromHash(): RecordRef | null {
  const [, entity, id] = window.location.hash.replace(/^#\/?/, '').split('/');
  const n = Number(id);
  if (!entity || !(AUDIT_ENTITIES as readonly string[]).includes(entity) || !Number.isInteger(n) || n < 0 || id === '') return null;
  return { entity: entity as AuditEntity, id: n };
}

const LIMIT = 2000;

export function HistoryScreen() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [record, setRecord] = useState<RecordRef | null>(recordFromHash);
  const [kind, setKind] = useState<AuditEntity | ''>(() => recordFromHash()?.entity ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [loading, setLoading] = useState(true);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const requestNo = useRef(0);

  useEffect(() => {
    const onHash = () => {
      const r = recordFromHash();
      setRecord(r);
      if (r) setKind(r.entity);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const rangeError = from !== '' && to !== '' && to < from ? t('history.errors.endsBeforeBegins') : undefined;

  const load = useCallback(() => {
    if (rangeError) return;
    const no = ++requestNo.current;
    setLoading(true);
    const entity = record?.entity ?? (kind || undefined);
    call('history.list', { entity, entityId: record?.id, from: from || undefined, to: to || undefined, limit: LIMIT })
      .then((list) => no === requestNo.current && setRows(list))
      .catch((e: unknown) => no === requestNo.current && notify.error(t('errors.loadFailed', { message: describeError(t, e) })))
      .finally(() => no === requestNo.current && setLoading(false));
  }, [record, kind, from, to, rangeError, notify, t]);

  useEffect(load, [load]);

  useEffect(() => {
    call('history.verify', {})
      .then(setVerify)
      .catch((e: unknown) => notify.error(t('errors.loadFailed', { message: describeError(t, e) })));
  }, [notify, t]);

  const kindName = useCallback((e: string) => ((AUDIT_ENTITIES as readonly string[]).includes(e) ? t(`history.entities.${e}`) : e), [t]);
  const actionName = useCallback((a: string) => t(`history.actions.${a}`, { defaultValue: a }), [t]);

  const columnDefs = useMemo<ColDef<AuditEntry>[]>(
    () => [
      { colId: 'at', field: 'at', headerName: t('history.columns.at'), width: 170, valueFormatter: (p) => localTime(String(p.value ?? '')), filter: 'agTextColumnFilter', sort: 'desc' },
      { colId: 'user', field: 'user', headerName: t('history.columns.user'), width: 100, filter: 'agTextColumnFilter' },
      { colId: 'record', headerName: t('history.columns.record'), width: 150, valueGetter: (p) => (p.data ? `${kindName(p.data.entity)} #${p.data.entityId}` : ''), filter: 'agTextColumnFilter' },
      { colId: 'action', headerName: t('history.columns.action'), width: 110, valueGetter: (p) => (p.data ? actionName(p.data.action) : ''), filter: 'agTextColumnFilter' },
      { colId: 'changes', headerName: t('history.columns.changes'), flex: 1, minWidth: 300, valueGetter: (p) => (p.data ? changesText(t, p.data.changes) : ''), filter: 'agTextColumnFilter', tooltipValueGetter: (p) => (p.data ? changesText(t, p.data.changes) : '') },
      { colId: 'id', field: 'id', headerName: t('history.columns.entry'), width: 90, type: 'rightAligned', filter: 'agNumberColumnFilter' },
    ],
    [t, kindName, actionName],
  );

  const filtered = record !== null || kind !== '' || from !== '' || to !== '';
  const title = record ? t('history.titleOf', { record: `${kindName(record.entity)} #${record.id}` }) : t('history.title');

  return (
    <section className="screen history" data-screen="history" aria-labelledby="history-title">
      <div className="toolbar">
        <h1 id="history-title">{title}</h1>
      </div>
      {verify && (
        <div role="status" data-testid="history-verify" className={`history-banner ${verify.ok ? 'history-ok' : 'history-broken'}`}>
          {verify.ok
            ? t('history.verify.ok', { count: verify.entries })
            : verify.brokenAt
              ? t('history.verify.brokenAt', {
                  entry: verify.brokenAt.id,
                  time: localTime(verify.brokenAt.at),
                  record: `${kindName(verify.brokenAt.entity)} #${verify.brokenAt.entityId}`,
                  count: verify.entries,
                })
              : t('history.verify.broken', { message: verify.message })}
        </div>
      )}
      <div className="toolbar filters-bar history-filters">
        <label className="history-filter">
          <span>{t('history.filters.kind')}</span>
          <select id="history-kind" value={record?.entity ?? kind} disabled={record !== null} onChange={(e) => setKind(e.target.value as AuditEntity | '')}>
            <option value="">{t('history.filters.allKinds')}</option>
            {AUDIT_ENTITIES.map((e) => (
              <option key={e} value={e}>
                {kindName(e)}
              </option>
            ))}
          </select>
        </label>
        <label className="history-filter">
          <span>{t('history.filters.from')}</span>
          <input id="history-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="history-filter">
          <span>{t('history.filters.to')}</span>
          <input id="history-to" type="date" value={to} aria-invalid={rangeError ? true : undefined} onChange={(e) => setTo(e.target.value)} />
        </label>
        {rangeError && (
          <span className="field-error" data-testid="history-range-error">
            {rangeError}
          </span>
        )}
        {record && (
          <span className="history-record" data-testid="history-record">
            {t('history.filters.recordOnly', { record: `${kindName(record.entity)} #${record.id}` })}
            <button type="button" data-action="all-records" onClick={() => (window.location.hash = 'history')}>
              {t('history.filters.allRecords')}
            </button>
            <button type="button" data-action="back" onClick={() => window.history.back()}>
              {t('safety.history.back')}
            </button>
          </span>
        )}
        {!record && filtered && (
          <button
            type="button"
            data-action="clear-filters"
            onClick={() => {
              setKind('');
              setFrom('');
              setTo('');
            }}
          >
            {t('history.filters.clear')}
          </button>
        )}
      </div>
      {!loading && rows.length === 0 && (
        <p className="history-empty" data-testid="history-empty">
          {filtered ? t('history.emptyFiltered') : t('history.emptyHint')}
        </p>
      )}
      <div className="grid-wrap">
        <DataGrid<AuditEntry>
          stateKey="grid.history"
          rows={rows}
          loading={loading}
          columnDefs={columnDefs}
          onSelect={() => undefined}
          onCellEdit={() => undefined}
          hint={rows.length >= LIMIT ? t('history.limitHint', { count: LIMIT }) : t('history.gridHint')}
          exportTitle={title}
        />
      </div>
    </section>
  );
}
