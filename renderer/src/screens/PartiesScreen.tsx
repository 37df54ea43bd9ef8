/** Customers, suppliers, agents, forwarders and brokers: one list with a role filter. */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { DOC_LANGUAGES, PARTY_ROLES, type ApiArg, type Party, type PartyRole } from '../../../shared/api';
import { call } from '../api';
import { RecordScreen, type RecordCalls } from '../components/RecordScreen';
import { boolCol, codeCol, textCol } from '../lib/columns';
import { useAppState } from '../context';
import { partyName } from '../lib/names';
import { PartyForm } from './PartyForm';
import { StatementDialog } from './documents/DocumentDialogs';
import { todayLocal } from './money/money';
import { useAccess } from '../access';

type PartyPatch = ApiArg<'parties.update'>['patch'];

export function PartiesScreen() {
  const { t, i18n } = useTranslation();
  const { language: lang } = useAppState();
  const [role, setRole] = useState<PartyRole | ''>('');
  const [statementFor, setStatementFor] = useState<Party | null>(null);
  const { isClerk } = useAccess();

  const calls = useMemo<RecordCalls<Party>>(
    () => ({
      list: ({ search, includeArchived }) => call('parties.list', { search: search || undefined, role: role || undefined, includeArchived }),
      update: (id, patch) => call('parties.update', { id, patch: patch as PartyPatch }),
      archive: (id, archived) => call('parties.archive', { id, archived }),
      remove: (id) => call('parties.delete', { id }),
    }),
    [role],
  );

  const label = useCallback((f: string) => (i18n.exists(`party.fields.${f}`) ? t(`party.fields.${f}`) : undefined), [t, i18n]);
  const roleName = useCallback((r: string) => t(`party.roles.${r}`), [t]);

  const columnDefs = useMemo<ColDef<Party>[]>(() => {
    const L = (f: keyof Party & string) => label(f) ?? f;
    const rolesText = (roles: unknown) => (Array.isArray(roles) ? roles.map((r) => roleName(String(r))).join(', ') : '');
    return [
      textCol<Party>('nameZh', L('nameZh'), 170),
      textCol<Party>('nameEn', L('nameEn'), 170),
      {
        colId: 'roles',
        field: 'roles',
        headerName: L('roles'),
        width: 150,
        cellDataType: false,
        valueFormatter: (p) => rolesText(p.value),
        filter: 'agTextColumnFilter',
        filterValueGetter: (p) => rolesText(p.data?.roles),
        comparator: (a: unknown, b: unknown) => rolesText(a).localeCompare(rolesText(b)),
      },
      codeCol<Party>('country', L('country'), 160, 'countries', lang),
      textCol<Party>('phone', L('phone'), 140),
      textCol<Party>('wechat', L('wechat'), 120),
      textCol<Party>('whatsapp', L('whatsapp'), 140),
      textCol<Party>('booth', L('booth'), 200),
      textCol<Party>('stallRegNo', L('stallRegNo'), 130),
      textCol<Party>('idDocNo', L('idDocNo'), 140),
      codeCol<Party>('nationality', L('nationality'), 160, 'countries', lang),
      {
        // the second language of the party's documents (invoice, packing list, contract, statement)
        colId: 'docLanguage',
        field: 'docLanguage',
        headerName: L('docLanguage'),
        width: 165,
        editable: true,
        cellDataType: false,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...DOC_LANGUAGES] },
        valueFormatter: (p) => (typeof p.value === 'string' && p.value !== '' ? t(`docs.languages.${p.value}`) : ''),
        filter: 'agTextColumnFilter',
        filterValueGetter: (p) => (p.data ? t(`docs.languages.${p.data.docLanguage}`) : ''),
      },
      textCol<Party>('address', L('address'), 220),
      textCol<Party>('email', L('email'), 180),
      textCol<Party>('notes', L('notes'), 200),
      boolCol<Party>('archived', L('archived'), 90, false),
    ];
  }, [label, roleName, lang, t]);

  const filters = (
    <div className="segmented" role="group" aria-label={t('party.roleFilter')}>
      {(['', ...PARTY_ROLES] as const).map((r) => (
        <button key={r || 'all'} type="button" aria-pressed={role === r} data-role={r || 'all'} onClick={() => setRole(r)}>
          {r ? roleName(r) : t('common.all')}
        </button>
      ))}
    </div>
  );

  return (
    <>
      <RecordScreen<Party>
        name="parties"
        title={t('party.title')}
        searchPlaceholder={t('party.searchPlaceholder')}
        calls={calls}
        columnDefs={columnDefs}
        displayName={(p) => partyName(p, lang)}
        fieldLabel={label}
        filters={filters}
        renderForm={(args) => <PartyForm {...args} defaultRole={role} fieldLabel={label} />}
        extraActions={(selected) =>
          // a statement can show purchase orders and payments out: the owner's (shared/permissions.ts)
          !isClerk && (
            <button type="button" data-action="statement" disabled={!selected} title={selected ? undefined : t('docs.statementPick')} onClick={() => setStatementFor(selected)}>
              {t('docs.statement')}
            </button>
          )
        }
      />
      {statementFor && (
        <StatementDialog party={{ id: statementFor.id, name: partyName(statementFor, lang) }} from={`${todayLocal().slice(0, 4)}-01-01`} to={todayLocal()} onClose={() => setStatementFor(null)} />
      )}
    </>
  );
}
