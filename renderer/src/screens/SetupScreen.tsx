/** First start: the company's name, base currency and language. */
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../shared/api';
import { UI_LANGUAGES, type UiLanguage } from '../../../shared/i18n';
import { call } from '../api';
import { ComboField, SelectField, TextField } from '../components/Field';
import { useRecordForm } from '../hooks/useRecordForm';
import { codeOptions } from '../lib/codes';

interface SetupScreenProps {
  language: UiLanguage;
  onLanguage: (lang: UiLanguage) => void;
  onDone: (company: Company) => void;
}

export function SetupScreen({ language, onLanguage, onDone }: SetupScreenProps) {
  const { t, i18n } = useTranslation();
  const label = (f: string) => (i18n.exists(`setup.${f}`) ? t(`setup.${f}`) : undefined);
  const form = useRecordForm({ nameZh: '', nameEn: '', baseCurrency: 'CNY' }, label);
  const { values: v, set, errors } = form;

  async function submit() {
    await form.submit(async (values) => {
      onDone(await call('company.setup', { ...values, language }));
    });
  }

  return (
    <main className="setup">
      <form
        className="setup-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!form.saving) void submit();
        }}
      >
        <h1>{t('setup.title')}</h1>
        <p className="setup-intro">{t('setup.intro')}</p>
        <div className="form-grid form-grid-1">
          <SelectField
            id="setup-language"
            name="language"
            label={t('setup.language')}
            value={language}
            options={UI_LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
            onChange={(x) => onLanguage(x as UiLanguage)}
          />
          <TextField id="setup-nameZh" name="nameZh" label={t('setup.nameZh')} value={v.nameZh} onChange={(x) => set('nameZh', x)} error={errors.nameZh} hint={t('setup.nameHint')} />
          <TextField id="setup-nameEn" name="nameEn" label={t('setup.nameEn')} value={v.nameEn} onChange={(x) => set('nameEn', x)} error={errors.nameEn} />
          <ComboField
            id="setup-baseCurrency"
            name="baseCurrency"
            label={t('setup.baseCurrency')}
            value={v.baseCurrency}
            options={codeOptions('currencies')}
            onChange={(x) => set('baseCurrency', x)}
            error={errors.baseCurrency}
            hint={t('setup.baseCurrencyHint')}
            allowEmpty={false}
            required
          />
        </div>
        {form.message && (
          <div className="panel-message error" role="alert">
            {form.message}
          </div>
        )}
        <button type="submit" className="primary big" disabled={form.saving}>
          {form.saving ? t('common.saving') : t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
