/** The side form of one party: every field, roles as checkboxes, countries as searchable pickers. */
import { useTranslation } from 'react-i18next';
import { DOC_LANGUAGES, PARTY_ROLES, type DocLanguage, type Party, type PartyRole } from '../../../shared/api';
import { call } from '../api';
import { CheckboxGroupField, ComboField, SelectField, TextField } from '../components/Field';
import type { FormArgs } from '../components/RecordScreen';
import { SidePanel } from '../components/SidePanel';
import { useAppState } from '../context';
import { useRecordForm } from '../hooks/useRecordForm';
import { codeOptions } from '../lib/codes';
import { partyName } from '../lib/names';

type TextKey = 'nameZh' | 'nameEn' | 'country' | 'phone' | 'wechat' | 'whatsapp' | 'email' | 'address' | 'booth' | 'stallRegNo' | 'idDocNo' | 'nationality' | 'notes';
type Draft = Record<TextKey, string> & { roles: PartyRole[]; docLanguage: DocLanguage };

function draftOf(p: Party | null, defaultRole: PartyRole | ''): Draft {
  return {
    roles: p ? [...p.roles] : defaultRole ? [defaultRole] : [],
    nameZh: p?.nameZh ?? '',
    nameEn: p?.nameEn ?? '',
    country: p?.country ?? '',
    phone: p?.phone ?? '',
    wechat: p?.wechat ?? '',
    whatsapp: p?.whatsapp ?? '',
    email: p?.email ?? '',
    address: p?.address ?? '',
    booth: p?.booth ?? '',
    stallRegNo: p?.stallRegNo ?? '',
    idDocNo: p?.idDocNo ?? '',
    nationality: p?.nationality ?? '',
    docLanguage: p?.docLanguage ?? 'en',
    notes: p?.notes ?? '',
  };
}

interface PartyFormProps extends FormArgs<Party> {
  defaultRole: PartyRole | '';
  fieldLabel: (field: string) => string | undefined;
}

export function PartyForm({ record, onSaved, onClose, defaultRole, fieldLabel }: PartyFormProps) {
  const { t } = useTranslation();
  const { language } = useAppState();
  const form = useRecordForm<Draft>(draftOf(record, defaultRole), fieldLabel);
  const { values: v, set, errors } = form;
  const countries = codeOptions('countries');

  async function save() {
    if (record && !form.dirty) {
      onClose();
      return;
    }
    await form.submit(async (values) => {
      if (record) {
        const patch = Object.fromEntries(form.changed.map((k) => [k, values[k]]));
        onSaved(await call('parties.update', { id: record.id, patch }), false);
      } else {
        onSaved(await call('parties.create', values), true);
      }
    });
  }

  const text = (key: TextKey, extra: { hint?: string; required?: boolean; multiline?: boolean; inputMode?: 'tel' | 'email' } = {}) => (
    <TextField id={`party-${key}`} name={key} label={t(`party.fields.${key}`)} value={v[key]} onChange={(x) => set(key, x)} error={errors[key]} {...extra} />
  );

  return (
    <SidePanel
      title={record ? t('party.editTitle', { name: partyName(record, language) }) : t('party.addTitle')}
      dirty={form.dirty}
      saving={form.saving}
      message={form.message}
      onSave={() => void save()}
      onClose={onClose}
    >
      <div className="form-grid">
        {text('nameZh', { hint: t('party.hints.name') })}
        {text('nameEn')}
        <CheckboxGroupField
          id="party-roles"
          name="roles"
          label={t('party.fields.roles')}
          values={PARTY_ROLES}
          labels={(r) => t(`party.roles.${r}`)}
          selected={v.roles}
          onChange={(roles) => set('roles', roles as PartyRole[])}
          error={errors.roles}
          hint={t('party.hints.roles')}
          required
        />
        <ComboField id="party-country" name="country" label={t('party.fields.country')} value={v.country} options={countries} onChange={(x) => set('country', x)} error={errors.country} />
        {text('phone', { inputMode: 'tel' })}
        {text('wechat')}
        {text('whatsapp', { inputMode: 'tel' })}
        {text('email', { inputMode: 'email' })}
        {text('booth', { hint: t('party.hints.booth') })}
        {text('stallRegNo')}
        {text('idDocNo', { hint: t('party.hints.idDocNo') })}
        <ComboField id="party-nationality" name="nationality" label={t('party.fields.nationality')} value={v.nationality} options={countries} onChange={(x) => set('nationality', x)} error={errors.nationality} />
        <SelectField
          id="party-docLanguage"
          name="docLanguage"
          label={t('party.fields.docLanguage')}
          value={v.docLanguage}
          options={DOC_LANGUAGES.map((l) => ({ value: l, label: t(`docs.languages.${l}`) }))}
          onChange={(x) => set('docLanguage', x as DocLanguage)}
          error={errors.docLanguage}
          hint={t('docs.docLanguageHint')}
        />
        {text('address', { multiline: true })}
        {text('notes', { multiline: true })}
      </div>
    </SidePanel>
  );
}
