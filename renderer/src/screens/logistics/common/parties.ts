/** Parties of one role as picker options ("Ali Trading LLC · ARE"), read once when a form opens. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party, PartyRole } from '../../../../../shared/api';
import { call } from '../../../api';
import { useNotify } from '../../../components/Toasts';
import { useAppState } from '../../../context';
import type { Option } from '../../../lib/codes';
import { partyName } from '../../../lib/names';
import { failText } from './messages';

export function partyOption(p: Party, lang: string): Option {
  const extra = p.roles.includes('supplier') && p.booth ? p.booth : p.country;
  return { value: String(p.id), label: [partyName(p, lang), extra].filter(Boolean).join(' · ') };
}

/**
 * Options for a party picker of `role`. Archived parties are left out, except the ones in `keep` (the
 * record's current choices), so an old record still shows who it names.
 */
export function usePartyOptions(role: PartyRole, keep: Array<number | null | undefined> = []): { options: Option[]; parties: Party[] } {
  const { t } = useTranslation();
  const notify = useNotify();
  const { language } = useAppState();
  const [parties, setParties] = useState<Party[]>([]);
  useEffect(() => {
    let live = true;
    call('parties.list', { role, includeArchived: true })
      .then((list) => live && setParties(list))
      .catch((e: unknown) => live && notify.error(t('errors.loadFailed', { message: failText(t, e) })));
    return () => {
      live = false;
    };
  }, [role, notify, t]);
  const keepKey = keep.filter((x): x is number => typeof x === 'number').join(',');
  return useMemo(() => {
    const kept = new Set(keepKey.split(',').filter(Boolean).map(Number));
    const options = parties.filter((p) => !p.archived || kept.has(p.id)).map((p) => partyOption(p, language));
    return { options, parties };
  }, [parties, language, keepKey]);
}
