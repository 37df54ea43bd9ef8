/**
 * The search box above a list: typing sets `value`; `onQuery` gets the text to search for, but not the
 * pinyin letters while a Chinese input method is still composing. Esc clears it, ArrowDown/Enter go to the
 * list (`onDown` returns whether it took the focus), and Ctrl+F anywhere on the screen comes here instead of
 * opening the browser's find bar (unless `ctrlF()` says a dialog or form is in front: then it does nothing).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface SearchBoxProps {
  value: string;
  onChange: (text: string) => void;
  onQuery: (text: string) => void;
  placeholder: string;
  onDown?: () => boolean;
  /** asked at the key press: may Ctrl+F take the focus here now? */
  ctrlF?: () => boolean;
}

export function SearchBox({ value, onChange, onQuery, placeholder, onDown, ctrlF }: SearchBoxProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const composing = useRef(false);
  const allowed = useRef(ctrlF);
  allowed.current = ctrlF;

  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        if (allowed.current && !allowed.current()) return;
        ref.current?.focus();
        ref.current?.select();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <input
      ref={ref}
      type="search"
      className="search"
      name="search"
      aria-label={t('common.search')}
      placeholder={`${placeholder} (Ctrl+F)`}
      value={value}
      onChange={(e) => {
        onChange(e.target.value);
        if (!composing.current) onQuery(e.target.value);
      }}
      onCompositionStart={() => (composing.current = true)}
      onCompositionEnd={(e) => {
        composing.current = false;
        onQuery(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && value !== '') {
          e.preventDefault();
          onChange('');
          onQuery('');
        } else if ((e.key === 'ArrowDown' || e.key === 'Enter') && !e.nativeEvent.isComposing) {
          if (onDown?.()) e.preventDefault();
        }
      }}
    />
  );
}
