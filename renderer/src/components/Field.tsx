/**
 * One form field: label, control, hint and the error from the core right next to it. The control gets
 * aria-invalid and aria-describedby so screen readers (and tests) find the error of each field.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ComboBox } from './ComboBox';
import type { Option } from '../lib/codes';

export interface ControlAria {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
}

interface FieldFrameProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  wide?: boolean;
  children: (aria: ControlAria) => ReactNode;
}

export function Field({ id, label, error, hint, required, wide, children }: FieldFrameProps) {
  const { t } = useTranslation();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  const aria: ControlAria = { id, 'aria-invalid': Boolean(error) };
  if (describedBy) aria['aria-describedby'] = describedBy;
  if (required) aria['aria-required'] = true;
  return (
    <div className={`field${wide ? ' field-wide' : ''}${error ? ' field-has-error' : ''}`} data-field={id}>
      <label htmlFor={id} className="field-label">
        {label}
        {required && (
          <span className="field-required" title={t('common.required')}>
            {' '}*
          </span>
        )}
      </label>
      {children(aria)}
      {error && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      )}
      {hint && !error && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}

interface CommonProps {
  id: string;
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  wide?: boolean;
}

export function TextField(
  props: CommonProps & {
    value: string;
    onChange: (value: string) => void;
    multiline?: boolean;
    inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email';
    maxLength?: number;
    readOnly?: boolean;
    placeholder?: string;
    /** 'password' for PINs */
    type?: 'text' | 'password';
  },
) {
  const { id, name, label, error, hint, required, wide, value, onChange, multiline, inputMode, maxLength, readOnly, placeholder, type } = props;
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required ?? false} wide={wide ?? Boolean(multiline)}>
      {(aria) =>
        multiline ? (
          <textarea {...aria} name={name} value={value} rows={2} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            {...aria}
            name={name}
            type={type ?? 'text'}
            value={value}
            inputMode={inputMode}
            maxLength={maxLength}
            readOnly={readOnly}
            tabIndex={readOnly ? -1 : undefined}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

export function ComboField(
  props: CommonProps & { value: string; onChange: (value: string) => void; options: Option[]; allowEmpty?: boolean },
) {
  const { id, name, label, error, hint, required, wide, value, onChange, options, allowEmpty } = props;
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required ?? false} wide={wide ?? false}>
      {(aria) => <ComboBox {...aria} name={name} value={value} options={options} onChange={onChange} allowEmpty={allowEmpty ?? true} />}
    </Field>
  );
}

export function SelectField(
  props: CommonProps & { value: string; onChange: (value: string) => void; options: Option[]; emptyLabel?: string },
) {
  const { id, name, label, error, hint, required, wide, value, onChange, options, emptyLabel } = props;
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required ?? false} wide={wide ?? false}>
      {(aria) => (
        <select {...aria} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField(props: { id: string; name: string; label: string; checked: boolean; onChange: (v: boolean) => void; error?: string | undefined }) {
  const { id, name, label, checked, onChange, error } = props;
  return (
    <div className={`field field-check${error ? ' field-has-error' : ''}`} data-field={id}>
      <label className="check">
        <input id={id} name={name} type="checkbox" checked={checked} aria-invalid={Boolean(error)} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      {error && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** A group of checkboxes for a set of values (party roles). */
export function CheckboxGroupField(props: {
  id: string;
  name: string;
  label: string;
  values: readonly string[];
  labels: (v: string) => string;
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}) {
  const { id, name, label, values, labels, selected, onChange, error, hint, required } = props;
  const toggle = (v: string, on: boolean) => onChange(on ? values.filter((x) => x === v || selected.includes(x)) : selected.filter((x) => x !== v));
  return (
    <fieldset
      className={`field field-wide checkgroup${error ? ' field-has-error' : ''}`}
      data-field={id}
      aria-invalid={Boolean(error)}
      aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
    >
      <legend className="field-label">
        {label}
        {required && <span className="field-required"> *</span>}
      </legend>
      <div className="checkgroup-items">
        {values.map((v, i) => (
          <label key={v} className="check">
            <input id={i === 0 ? id : `${id}-${v}`} type="checkbox" name={name} value={v} checked={selected.includes(v)} onChange={(e) => toggle(v, e.target.checked)} />
            <span>{labels(v)}</span>
          </label>
        ))}
      </div>
      {error && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      )}
      {hint && !error && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
    </fieldset>
  );
}
