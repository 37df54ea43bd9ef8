/** The messages of refused lines under a lines grid, each naming its line, item and field. */
import { useTranslation } from 'react-i18next';

export interface LineWithErrors {
  id: number;
  lineNo: number;
  /** what the user calls the line: item no., order no. or description */
  name: string;
  errors: Partial<Record<string, string>>;
}

export function LineErrors({ rows, label }: { rows: LineWithErrors[]; label: (field: string) => string }) {
  const { t } = useTranslation();
  const items = rows.flatMap((r) =>
    Object.entries(r.errors).map(([field, message]) => ({
      key: `${r.id}-${field}`,
      text: t('shipments.lineError', { line: r.lineNo, item: r.name, field: label(field), message }),
    })),
  );
  if (items.length === 0) return null;
  return (
    <ul className="line-errors" role="alert" data-testid="line-errors">
      {items.map((i) => (
        <li key={i.key}>{i.text}</li>
      ))}
    </ul>
  );
}
