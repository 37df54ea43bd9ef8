/**
 * Settings: the company (names, address, market-procurement registration no. printed on the 1039 vouchers,
 * customs code, base currency, default language), the number prefixes, and where the company file is.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/api';
import { isUiLanguage, UI_LANGUAGES } from '../../../shared/i18n';
import { call } from '../api';
import { ComboField, SelectField, TextField } from '../components/Field';
import { useNotify } from '../components/Toasts';
import { useAppState } from '../context';
import { useRecordForm } from '../hooks/useRecordForm';
import { codeOptions } from '../lib/codes';
import { describeError } from '../lib/errors';
import { useUnsavedGuard } from '../lib/unsaved';
import { PrefixDialog } from './orders/PrefixDialog';
import { UsersSection } from './access/UsersSection';

export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const { company, setCompany, language, setLanguage } = useAppState();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [prefixes, setPrefixes] = useState(false);
  const label = (f: string) => (i18n.exists(`settings.company.${f}`) ? t(`settings.company.${f}`) : undefined);
  const form = useRecordForm(
    {
      nameZh: company.nameZh,
      nameEn: company.nameEn,
      address: company.address,
      mpRegNo: company.mpRegNo,
      customsCode: company.customsCode,
      baseCurrency: company.baseCurrency,
      language: company.language,
    },
    label,
  );
  const { values: v, set, errors } = form;
  useUnsavedGuard(form.dirty);

  useEffect(() => {
    call('app.info', {})
      .then(setInfo)
      .catch((e: unknown) => notify.error(t('errors.loadFailed', { message: describeError(t, e) })));
  }, [notify, t]);

  async function save() {
    const ok = await form.submit(async (values) => {
      setCompany(await call('company.update', values));
    });
    if (ok) notify.success(t('settings.saved'));
  }

  return (
    <div className="screen settings-screen" data-screen="settings">
      <div className="screen-header">
        <h1>{t('settings.title')}</h1>
      </div>
      <form
        className="settings-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!form.saving) void save();
        }}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
            e.preventDefault();
            if (!form.saving) void save();
          }
        }}
      >
        <h2>{t('settings.companyTitle')}</h2>
        <div className="form-grid">
          <TextField id="settings-nameZh" name="nameZh" label={t('settings.company.nameZh')} value={v.nameZh} onChange={(x) => set('nameZh', x)} error={errors.nameZh} hint={t('setup.nameHint')} />
          <TextField id="settings-nameEn" name="nameEn" label={t('settings.company.nameEn')} value={v.nameEn} onChange={(x) => set('nameEn', x)} error={errors.nameEn} />
          <TextField id="settings-address" name="address" label={t('settings.company.address')} value={v.address} onChange={(x) => set('address', x)} error={errors.address} multiline />
          <TextField
            id="settings-mpRegNo"
            name="mpRegNo"
            label={t('settings.company.mpRegNo')}
            value={v.mpRegNo}
            onChange={(x) => set('mpRegNo', x)}
            error={errors.mpRegNo}
            hint={t('settings.company.mpRegNoHint')}
          />
          <TextField id="settings-customsCode" name="customsCode" label={t('settings.company.customsCode')} value={v.customsCode} onChange={(x) => set('customsCode', x)} error={errors.customsCode} />
          <ComboField
            id="settings-baseCurrency"
            name="baseCurrency"
            label={t('settings.company.baseCurrency')}
            value={v.baseCurrency}
            options={codeOptions('currencies')}
            onChange={(x) => set('baseCurrency', x)}
            error={errors.baseCurrency}
            hint={t('settings.company.baseCurrencyHint')}
            allowEmpty={false}
            required
          />
          <SelectField
            id="settings-language"
            name="language"
            label={t('settings.company.language')}
            value={v.language}
            options={UI_LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
            onChange={(x) => set('language', x as typeof v.language)}
            hint={t('settings.company.languageHint')}
          />
        </div>
        {form.message && (
          <div className="panel-message error" role="alert">
            {form.message}
          </div>
        )}
        <div className="settings-actions">
          <button type="submit" className="primary" disabled={form.saving || !form.dirty}>
            {form.saving ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>

      <section className="settings-card" data-section="user-language">
        <h2>{t('prefs.title')}</h2>
        <div className="form-grid">
          <SelectField
            id="prefs-language"
            name="userLanguage"
            label={t('prefs.language')}
            value={language}
            options={UI_LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
            onChange={(x) => isUiLanguage(x) && setLanguage(x)}
            hint={t('prefs.hint')}
          />
        </div>
      </section>

      <section className="settings-card">
        <h2>{t('settings.numbersTitle')}</h2>
        <p>{t('settings.numbersIntro')}</p>
        <button type="button" onClick={() => setPrefixes(true)} data-action="prefixes">
          {t('settings.editPrefixes')}
        </button>
      </section>

      <UsersSection />

      {info && (
        <section className="settings-card">
          <h2>{t('settings.fileTitle')}</h2>
          <dl className="settings-file">
            <dt>{t('settings.companyFile')}</dt>
            <dd data-testid="company-file">{info.companyFile}</dd>
            <dt>{t('settings.schema')}</dt>
            <dd>{info.schemaVersion}</dd>
            <dt>{t('settings.version')}</dt>
            <dd>{info.version}</dd>
          </dl>
          <p className="hint">{t('settings.fileHint')}</p>
        </section>
      )}
      {prefixes && <PrefixDialog onClose={() => setPrefixes(false)} />}
    </div>
  );
}
