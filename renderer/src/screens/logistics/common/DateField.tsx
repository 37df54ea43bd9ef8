/** A date field (YYYY-MM-DD) in the form frame, with the core's error next to it. */
import { Field } from '../../../components/Field';

export function DateField(props: { id: string; name: string; label: string; value: string; onChange: (v: string) => void; error?: string | undefined; hint?: string | undefined; required?: boolean; readOnly?: boolean }) {
  const { id, name, label, value, onChange, error, hint, required, readOnly } = props;
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required ?? false}>
      {(aria) => <input {...aria} className="date-input" name={name} type="date" value={value} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
