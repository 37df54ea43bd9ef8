/** Lists the money screens pick from: parties and currencies, read once when a screen or form opens. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../../shared/api';
import type { CurrencyInfo } from '../../../../shared/currency';
import { call } from '../../api';
import { useNotify } from '../../components/Toasts';
import { useAppState } from '../../context';
import type { Option } from '../../lib/codes';
import { describeError } from '../../lib/errors';
import { partyName } from '../../lib/names';

/** Every party (archived ones too, so an old payment still shows its party's name). */
export function useParties(): Party[] {
  const { t } = useTranslation();
  const notify = useNotify();
  const [parties, setParties] = useState<Party[]>([]);
  useEffect(() => {
    let live = true;
    call('parties.list', { includeArchived: true })
      .then((list) => live && setParties(list))
      .catch((e: unknown) => live && notify.error(t('errors.loadFailed', { message: describeError(t, e) })));
    return () => {
      live = false;
    };
  }, [notify, t]);
  return parties;
}

/**
 * Party picker options: not archived (unless it is the current choice); for a payment direction, the
 * parties with the matching role (customers for money in, everyone else for money out) come first.
 */
export function usePartyOptions(parties: Party[], current: string, direction?: 'in' | 'out'): Option[] {
  const { language } = useAppState();
  return useMemo(() => {
    const fits = (p: Party) => (direction === undefined ? true : direction === 'in' ? p.roles.includes('customer') : p.roles.some((r) => r !== 'customer'));
    return parties
      .filter((p) => !p.archived || String(p.id) === current)
      .map((p, i) => ({ p, i, first: fits(p) ? 0 : 1 }))
      .sort((a, b) => a.first - b.first || a.i - b.i)
      .map(({ p }) => ({ value: String(p.id), label: [partyName(p, language), p.booth].filter(Boolean).join(' · ') }));
  }, [parties, current, direction, language]);
}

let currencyList: Promise<CurrencyInfo[]> | null = null;

/** Currency picker options ("USD 美元 US Dollar"); the list is read from the core once per session. */
export function useCurrencyOptions(): Option[] {
  const { t } = useTranslation();
  const notify = useNotify();
  const [list, setList] = useState<CurrencyInfo[]>([]);
  useEffect(() => {
    let live = true;
    currencyList ??= call('currencies.list', {});
    currencyList
      .then((l) => live && setList(l))
      .catch((e: unknown) => {
        currencyList = null;
        if (live) notify.error(t('errors.loadFailed', { message: describeError(t, e) }));
      });
    return () => {
      live = false;
    };
  }, [notify, t]);
  return useMemo(() => list.map((c) => ({ value: c.code, label: [c.code, c.nameZh, c.nameEn].filter(Boolean).join(' ') })), [list]);
}
