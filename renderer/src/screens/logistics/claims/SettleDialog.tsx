/** Settle a claim: a credit against what the buyer owes, replacement goods, or a refund; goods returned or not. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLAIM_SETTLEMENTS, type Claim } from '../../../../../shared/trade';
import { call } from '../../../api';
import { CheckboxField, TextField } from '../../../components/Field';
import { normalizeDecimalInput } from '../../../lib/numbers';
import { Dialog } from '../common/Dialog';
import { sortIssues } from '../common/messages';

type Settlement = (typeof CLAIM_SETTLEMENTS)[number];
const FIELDS = ['settlement', 'amount', 'goodsReturned'] as const;
type FieldName = (typeof FIELDS)[number];

export function SettleDialog({ claim, onDone, onCancel }: { claim: Claim; onDone: (c: Claim) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [settlement, setSettlement] = useState<Settlement>('credit');
  const [amount, setAmount] = useState('');
  const [goodsReturned, setGoodsReturned] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const withAmount = settlement !== 'replacement';

  async function submit() {
    if (withAmount && normalizeDecimalInput(amount) === '') {
      setErrors({ amount: t('claims.core.amountNeeded', { currency: claim.currency }) });
      return;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      onDone(await call('claims.settle', { id: claim.id, settlement, ...(withAmount ? { amount: normalizeDecimalInput(amount) } : {}), goodsReturned }));
    } catch (e) {
      const sorted = sortIssues(t, e, (f) => (FIELDS as readonly string[]).includes(f), (f) => t(`claims.fields.${f}`, { defaultValue: f }));
      setErrors(sorted.fields);
      setMessage(sorted.other.length > 0 ? sorted.other.join(' ') : undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('claims.settle.title', { no: claim.no })} submitLabel={t('claims.settle.submit')} busy={busy} message={message} testId="settle-claim" onSubmit={() => void submit()} onCancel={onCancel}>
      <p className="logi-note">
        {t('claims.settle.summary', { party: claim.partyName, item: claim.itemNo, quantity: claim.quantity, kind: t(`claims.kinds.${claim.kind}`), stall: claim.stallName || '—' })}
      </p>
      <fieldset className={`field field-wide radio-group${errors.settlement ? ' field-has-error' : ''}`} data-field="settle-settlement">
        <legend className="field-label">{t('claims.fields.settlement')}</legend>
        {CLAIM_SETTLEMENTS.map((s, i) => (
          <label key={s} className="check">
            <input
              id={i === 0 ? 'settle-settlement' : `settle-settlement-${s}`}
              type="radio"
              name="settlement"
              value={s}
              checked={settlement === s}
              onChange={() => {
                setSettlement(s);
                setErrors({});
              }}
            />
            <span>
              {t(`claims.settlements.${s}`)} <span className="field-hint">{t(`claims.settle.explain.${s}`)}</span>
            </span>
          </label>
        ))}
        {errors.settlement && (
          <div className="field-error" role="alert">
            {errors.settlement}
          </div>
        )}
      </fieldset>
      {withAmount && (
        <TextField
          id="settle-amount"
          name="amount"
          label={t('claims.settle.amount', { currency: claim.currency })}
          value={amount}
          onChange={(x) => {
            setAmount(x);
            setErrors((e) => ({ ...e, amount: undefined }));
          }}
          error={errors.amount}
          hint={t('claims.settle.amountHint')}
          inputMode="decimal"
        />
      )}
      <CheckboxField id="settle-goodsReturned" name="goodsReturned" label={t('claims.settle.goodsReturned')} checked={goodsReturned} onChange={setGoodsReturned} error={errors.goodsReturned} />
      <p className="field-hint">{t('claims.settle.goodsReturnedHint')}</p>
    </Dialog>
  );
}
