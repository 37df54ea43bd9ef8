/**
 * In-grid editor for code columns (country, customs unit, currency, brand type): type part of the code or
 * name to narrow the list, arrows to move, Enter or Tab to take it, and a single Esc cancels the edit
 * (AG Grid's own select editor needs two: one closes its list, one cancels).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { Option } from '../lib/codes';
import { OptionList, useOptionList } from './ComboBox';

export interface CodeCellEditorParams {
  options: Option[];
}

export function CodeCellEditor(props: CustomCellEditorProps<unknown, string> & CodeCellEditorParams) {
  const { options, value, onValueChange, stopEditing, eventKey } = props;
  const current = value ?? '';
  const listId = useId();
  // editing started by typing a letter: that letter is the start of the search
  const [query, setQuery] = useState(eventKey && eventKey.length === 1 ? eventKey : '');
  const list = useOptionList(options, query, true);
  const [active, setActive] = useState(() => (query === '' ? Math.max(0, list.findIndex((o) => o.value === current)) : 0));
  const inputRef = useRef<HTMLInputElement>(null);
  const latest = useRef({ list, active });
  latest.current = { list, active };

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    // Listen on the input itself so these keys are handled before the grid sees them.
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const { list: l, active: a } = latest.current;
      const move = (to: number) => {
        e.preventDefault();
        e.stopPropagation();
        setActive(Math.max(0, Math.min(to, l.length - 1)));
      };
      switch (e.key) {
        case 'ArrowDown':
          return move(a + 1);
        case 'ArrowUp':
          return move(a - 1);
        case 'PageDown':
          return move(a + 10);
        case 'PageUp':
          return move(a - 10);
        case 'Enter':
        case 'Tab': {
          const o = l[a];
          if (o) onValueChange(o.value); // the grid then ends the edit with this value
          return;
        }
      }
    };
    input.addEventListener('keydown', onKey);
    return () => input.removeEventListener('keydown', onKey);
  }, [onValueChange]);

  return (
    <div className="combo cell-combo">
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={list[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={query}
        placeholder={options.find((o) => o.value === current)?.label ?? ''}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
      />
      <OptionList
        id={listId}
        options={list}
        active={active}
        value={current}
        onPick={(o) => {
          onValueChange(o.value);
          stopEditing();
        }}
        onHover={setActive}
      />
    </div>
  );
}
