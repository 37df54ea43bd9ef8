/** A record that could not be read (deleted meanwhile, or the service is gone): say so and offer the way back. */
import { useTranslation } from 'react-i18next';

export function LoadFailed({ message, backLabel, onBack }: { message: string; backLabel: string; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="screen logi logi-detail" aria-label={t('errors.notFound')}>
      <div className="toolbar detail-toolbar">
        <button type="button" data-action="back" onClick={onBack} autoFocus>
          ← {backLabel}
        </button>
      </div>
      <div className="panel-message error" role="alert" data-testid="detail-message">
        {message}
      </div>
    </section>
  );
}
