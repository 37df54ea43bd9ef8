/**
 * Exporting a document for a foreign buyer, in Chinese + a second language (by default the party's document
 * language, shared/documents.ts): the sales contract of an order, the statement of account of a party for a
 * period. The workbook is saved where the user chooses; a statement also says its closing balances.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOC_LANGUAGES, type DocLanguage } from '../../../../shared/api';
import { call } from '../../api';
import { Field, SelectField } from '../../components/Field';
import { useNotify } from '../../components/Toasts';
import { describeError, fieldErrorsOf } from '../../lib/errors';
import { saveWorkbook } from '../../lib/saveWorkbook';
import { Modal } from '../orders/Modal';

function LanguageField({ value, onChange }: { value: DocLanguage; onChange: (l: DocLanguage) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      id="doc-language"
      name="language"
      label={t('docs.language')}
      hint={t('docs.languageHint')}
      value={value}
      options={DOC_LANGUAGES.map((l) => ({ value: l, label: t(`docs.languages.${l}`) }))}
      onChange={(x) => onChange(x as DocLanguage)}
    />
  );
}

function DateField({ id, name, label, value, onChange, error }: { id: string; name: string; label: string; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  return (
    <Field id={id} label={label} error={error} required>
      {(aria) => <input {...aria} name={name} type="date" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** The party's document language, loaded once (English until it is known). */
function usePartyLanguage(partyId: number): [DocLanguage, (l: DocLanguage) => void] {
  const [lang, setLang] = useState<DocLanguage>('en');
  useEffect(() => {
    let live = true;
    call('parties.get', { id: partyId })
      .then((p) => live && setLang(p.docLanguage))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [partyId]);
  return [lang, setLang];
}

export function ContractDialog({ order, onClose }: { order: { id: number; no: string; partyId: number }; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [language, setLanguage] = usePartyLanguage(order.partyId);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();

  async function submit() {
    setBusy(true);
    setMessage(undefined);
    try {
      const r = await call('documents.contract', { orderId: order.id, language });
      saveWorkbook(r.fileName, r.dataBase64);
      notify.success(t('docs.exported', { file: r.fileName }));
      onClose();
    } catch (e) {
      setMessage(describeError(t, e));
      setBusy(false);
    }
  }

  return (
    <Modal title={t('docs.contractTitle', { no: order.no })} submitLabel={t('docs.export')} busyLabel={t('docs.exporting')} busy={busy} message={message} onSubmit={() => void submit()} onClose={onClose} testId="contract-dialog">
      <LanguageField value={language} onChange={setLanguage} />
    </Modal>
  );
}

export function StatementDialog({ party, from: from0, to: to0, onClose }: { party: { id: number; name: string }; from: string; to: string; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [language, setLanguage] = usePartyLanguage(party.id);
  const [from, setFrom] = useState(from0);
  const [to, setTo] = useState(to0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();

  async function submit() {
    setBusy(true);
    setMessage(undefined);
    setErrors({});
    try {
      const r = await call('documents.statement', { partyId: party.id, from, to, language });
      saveWorkbook(r.fileName, r.dataBase64);
      const closing = r.currencies.map((c) => t('docs.closing', { currency: c.currency, amount: c.closing })).join(' · ');
      notify.success(`${t('docs.exported', { file: r.fileName })}${closing ? ` — ${closing}` : ` — ${t('docs.noMovements')}`}`);
      onClose();
    } catch (e) {
      const fields = fieldErrorsOf(t, e);
      if (fields.from || fields.to) setErrors(fields);
      else setMessage(describeError(t, e));
      setBusy(false);
    }
  }

  return (
    <Modal title={t('docs.statementTitle', { name: party.name })} submitLabel={t('docs.export')} busyLabel={t('docs.exporting')} busy={busy} message={message} onSubmit={() => void submit()} onClose={onClose} testId="statement-dialog">
      <DateField id="statement-from" name="from" label={t('docs.from')} value={from} onChange={setFrom} error={errors.from} />
      <DateField id="statement-to" name="to" label={t('docs.to')} value={to} onChange={setTo} error={errors.to} />
      <LanguageField value={language} onChange={setLanguage} />
    </Modal>
  );
}
