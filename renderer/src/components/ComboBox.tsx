/**
 * A searchable picker for long code lists (265 countries, 120 customs units): type any part of the code,
 * the Chinese or the English name; arrows move, Enter or Tab picks, Esc closes the list (and only the list).
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Option } from '../lib/codes';
import type { ControlAria } from './Field';

const MAX_SHOWN = 150;

interface ComboBoxProps extends ControlAria {
  name: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  allowEmpty: boolean;
}

function rank(option: Option, q: string): number {
  const code = option.value.toLowerCase();
  if (code === q) return 0;
  if (code.startsWith(q)) return 1;
  // a name that starts with what was typed ("俄罗斯" -> RUS 俄罗斯联邦 before BLR 白俄罗斯)
  if (option.label.toLowerCase().split(/\s+/).some((word) => word.startsWith(q))) return 2;
  return 3;
}

export function filterOptions(options: Option[], query: string): Option[] {
  const q = query.trim().toLowerCase();
  if (q === '') return options;
  const tokens = q.split(/\s+/);
  return options
    .filter((o) => {
      const label = o.label.toLowerCase();
      return tokens.every((tok) => label.includes(tok));
    })
    .map((o, i) => ({ o, r: rank(o, q), i }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.o);
}

/** The options matching a query, with "(none)" on top when the field may be empty and nothing is typed. */
export function useOptionList(options: Option[], query: string, allowEmpty: boolean): Option[] {
  const { t } = useTranslation();
  return useMemo(() => {
    const found = filterOptions(options, query).slice(0, MAX_SHOWN);
    return allowEmpty && query.trim() === '' ? [{ value: '', label: t('common.none') }, ...found] : found;
  }, [options, query, allowEmpty, t]);
}

/** The drop-down list of a picker; the active option is kept in view. */
export function OptionList(props: { id: string; options: Option[]; active: number; value: string; onPick: (o: Option) => void; onHover: (i: number) => void }) {
  const { id, options, active, value, onPick, onHover } = props;
  const { t } = useTranslation();
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const el = ref.current?.children[active] as HTMLElement | undefined;
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);
  return (
    <ul className="combo-list" id={id} role="listbox" ref={ref}>
      {options.length === 0 && <li className="combo-empty">{t('common.noMatches')}</li>}
      {options.map((o, i) => (
        <li
          key={o.value === '' ? '(none)' : o.value}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className={`combo-option${i === active ? ' active' : ''}${o.value === value ? ' current' : ''}`}
          onMouseDown={(e) => {
            e.preventDefault(); // keep the focus in the input
            onPick(o);
          }}
          onMouseEnter={() => onHover(i)}
        >
          {o.label}
        </li>
      ))}
    </ul>
  );
}

export function ComboBox({ name, value, options, onChange, allowEmpty, ...aria }: ComboBoxProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  const selected = options.find((o) => o.value === value);
  const shownText = selected ? selected.label : value;

  const list = useOptionList(options, query, allowEmpty);

  function openList(withQuery: string) {
    setQuery(withQuery);
    setOpen(true);
    const idx = withQuery === '' ? list.findIndex((o) => o.value === value) : 0;
    setActive(Math.max(0, idx));
  }

  function choose(o: Option | undefined): void {
    setOpen(false);
    setQuery('');
    if (o && o.value !== value) onChange(o.value);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.nativeEvent.isComposing) return; // the input method owns the keys while composing
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) openList('');
        else setActive((a) => Math.min(a + 1, list.length - 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (open) setActive((a) => Math.max(a - 1, 0));
        break;
      case 'PageDown':
        if (open) {
          e.preventDefault();
          setActive((a) => Math.min(a + 10, list.length - 1));
        }
        break;
      case 'PageUp':
        if (open) {
          e.preventDefault();
          setActive((a) => Math.max(a - 10, 0));
        }
        break;
      case 'Enter':
        if (open) {
          e.preventDefault();
          e.stopPropagation();
          choose(list[active]);
        }
        break;
      case 'Tab':
        if (open && query.trim() !== '') choose(list[active]);
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          setQuery('');
        }
        break;
    }
  }

  function onBlur() {
    if (open && allowEmpty && query === '' && value !== '') {
      // the user deleted the text and left: clear the field
      onChange('');
    }
    setOpen(false);
    setQuery('');
  }

  const activeOption = open ? list[active] : undefined;

  return (
    <div className="combo">
      <input
        {...aria}
        name={name}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        data-value={value}
        value={open ? query : shownText}
        placeholder={t('common.choose')}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => !open && openList('')}
        onChange={(e) => openList(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      <span className="combo-arrow" aria-hidden="true">
        ▾
      </span>
      {open && <OptionList id={listId} options={list} active={active} value={value} onPick={choose} onHover={setActive} />}
    </div>
  );
}
