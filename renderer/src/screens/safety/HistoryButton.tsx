/**
 * "History" on a record's screen: opens the History screen filtered to that record (#history/<kind>/<id>),
 * where the trail of that one record is shown and exported to Excel like the whole file's. Disabled while
 * no record is chosen; refused with a message while the screen holds unsaved edits.
 */
import { useAccess } from '../../access';
import { useTranslation } from 'react-i18next';
import type { AuditEntity } from '../../../../shared/api';
import { useNotify } from '../../components/Toasts';
import { hasUnsavedChanges } from '../../lib/unsaved';

export function historyHash(entity: AuditEntity, id: number): string {
  return `history/${entity}/${id}`;
}

export function HistoryButton({ entity, id }: { entity: AuditEntity; id: number | null | undefined }) {
  const { t } = useTranslation();
  const notify = useNotify();
  // the history is the owner's (shared/permissions.ts: history.list)
  const { may } = useAccess();
  if (!may('history.list')) return null;
  return (
    <button
      type="button"
      data-action="history"
      disabled={!id}
      title={t('safety.history.hint')}
      onClick={() => {
        if (!id) return;
        if (hasUnsavedChanges()) {
          notify.error(t('safety.history.unsaved'));
          return;
        }
        window.location.hash = historyHash(entity, id);
      }}
    >
      {t('safety.history.button')}
    </button>
  );
}
