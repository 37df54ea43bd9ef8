/**
 * A buyer's claim on a shipped line: pick the shipment, then the line (its stall is shown, so the claim can
 * be passed back to it), then what is wrong, how many cartons and pieces, and why.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLAIM_KINDS, type Claim, type Shipment, type ShipmentSummary } from '../../../../../shared/trade';
import { call } from '../../../api';
import { ComboField, Field, SelectField, TextField } from '../../../components/Field';
import { useAppState } from '../../../context';
import { normalizeDecimalInput, parsePositiveInt } from '../../../lib/numbers';
import { DateField } from '../common/DateField';
import { Dialog } from '../common/Dialog';
import { failText, sortIssues } from '../common/messages';
import { todayLocal } from '../common/route';
import { localName, usePartyNames } from '../../../lib/names';
import { moneyText } from '../../../lib/format';

const FIELDS = ['shipmentLineId', 'claimDate', 'kind', 'cartons', 'quantity', 'reason'] as const;
type FieldName = (typeof FIELDS)[number];

export function NewClaimDialog({ onDone, onCancel }: { onDone: (c: Claim) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { language: lang } = useAppState();
  const partyNames = usePartyNames();
  const [shipments, setShipments] = useState<ShipmentSummary[]>([]);
  const [shipmentId, setShipmentId] = useState('');
  const [shipment, setShipment] = useState<Shipment | null>(null);
  const [v, setV] = useState<Record<FieldName, string>>({ shipmentLineId: '', claimDate: todayLocal(), kind: 'short', cartons: '', quantity: '', reason: '' });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('shipments.list', {})
      .then(setShipments)
      .catch((e: unknown) => setMessage(t('errors.loadFailed', { message: failText(t, e) })));
  }, []);

  useEffect(() => {
    setShipment(null);
    set('shipmentLineId', '');
    if (shipmentId === '') return;
    let live = true;
    call('shipments.get', { id: Number(shipmentId) })
      .then((s) => live && setShipment(s))
      .catch((e: unknown) => live && setMessage(t('errors.loadFailed', { message: failText(t, e) })));
    return () => {
      live = false;
    };
  }, [shipmentId]);

  function set(f: FieldName, value: string) {
    setV((x) => ({ ...x, [f]: value }));
    setErrors((e) => ({ ...e, [f]: undefined }));
  }

  const options = shipments.map((s) => ({
    value: String(s.id),
    label: [s.no, partyNames(s.consigneeId, s.consigneeName), s.containerNo, t(`shipments.statuses.${s.status}`)].filter(Boolean).join(' · '),
  }));

  async function submit() {
    const clientErrors: Partial<Record<FieldName, string>> = {};
    if (v.shipmentLineId === '') clientErrors.shipmentLineId = shipment ? t('claims.new.pickLine') : t('claims.new.pickShipment');
    const cartons = parsePositiveInt(v.cartons);
    if (cartons === 'invalid') clientErrors.cartons = t('errors.wholeNumber');
    if (normalizeDecimalInput(v.quantity) === '') clientErrors.quantity = t('claims.new.quantityRequired');
    if (Object.keys(clientErrors).length > 0) {
      setErrors(clientErrors);
      return;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      onDone(
        await call('claims.create', {
          shipmentLineId: Number(v.shipmentLineId),
          claimDate: v.claimDate,
          kind: v.kind as Claim['kind'],
          cartons: cartons === 'invalid' ? null : cartons,
          quantity: normalizeDecimalInput(v.quantity),
          reason: v.reason,
        }),
      );
    } catch (e) {
      const sorted = sortIssues(t, e, (f) => (FIELDS as readonly string[]).includes(f), (f) => t(`claims.fields.${f}`, { defaultValue: f }));
      setErrors(sorted.fields);
      setMessage(sorted.other.length > 0 ? sorted.other.join(' ') : undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('claims.new.title')} submitLabel={t('claims.new.submit')} busy={busy} message={message} wide testId="new-claim" onSubmit={() => void submit()} onCancel={onCancel}>
      <div className="form-grid">
        <ComboField id="claim-shipment" name="shipment" label={t('claims.fields.shipmentNo')} value={shipmentId} options={options} onChange={setShipmentId} allowEmpty={false} required hint={t('claims.new.shipmentHint')} />
        <DateField id="claim-claimDate" name="claimDate" label={t('claims.fields.claimDate')} value={v.claimDate} onChange={(x) => set('claimDate', x)} error={errors.claimDate} required />
      </div>
      <Field id="claim-shipmentLineId" label={t('claims.new.line')} error={errors.shipmentLineId} required>
        {(aria) =>
          !shipment ? (
            <p className="logi-empty" id={aria.id}>
              {t('claims.new.pickShipment')}
            </p>
          ) : (
            <div className="add-lines-scroll claim-lines" role="radiogroup" aria-label={t('claims.new.line')} aria-invalid={aria['aria-invalid']}>
              <table className="logi-table">
                <thead>
                  <tr>
                    <th className="col-check" />
                    <th>{t('shipments.lines.orderNo')}</th>
                    <th>{t('shipments.lines.itemNo')}</th>
                    <th>{t('shipments.lines.name')}</th>
                    <th>{t('shipments.lines.stallName')}</th>
                    <th className="num">{t('shipments.lines.cartons')}</th>
                    <th className="num">{t('shipments.lines.quantity')}</th>
                    <th className="num">{t('shipments.lines.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shipment.lines.map((l, i) => {
                    const picked = v.shipmentLineId === String(l.id);
                    return (
                      <tr key={l.id} data-line={l.id} className={`pickable${picked ? ' row-picked' : ''}`} onClick={() => set('shipmentLineId', String(l.id))}>
                        <td className="col-check">
                          <input
                            id={i === 0 ? aria.id : undefined}
                            type="radio"
                            name="shipmentLineId"
                            value={l.id}
                            checked={picked}
                            aria-label={`${l.orderNo} ${l.itemNo}`}
                            onChange={() => set('shipmentLineId', String(l.id))}
                          />
                        </td>
                        <td>{l.orderNo}</td>
                        <td>{l.itemNo}</td>
                        <td>{localName(l, lang)}</td>
                        <td className="stall">{partyNames(l.stallId, l.stallName)}</td>
                        <td className="num">{l.cartons ?? ''}</td>
                        <td className="num">{l.quantity}</td>
                        <td className="num">
                          {moneyText(l.amount, l.currency)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Field>
      <div className="form-grid logi-form-grid">
        <SelectField id="claim-kind" name="kind" label={t('claims.fields.kind')} value={v.kind} options={CLAIM_KINDS.map((k) => ({ value: k, label: t(`claims.kinds.${k}`) }))} onChange={(x) => set('kind', x)} error={errors.kind} />
        <TextField id="claim-cartons" name="cartons" label={t('claims.fields.cartons')} value={v.cartons} onChange={(x) => set('cartons', x)} error={errors.cartons} inputMode="numeric" />
        <TextField id="claim-quantity" name="quantity" label={t('claims.fields.quantity')} value={v.quantity} onChange={(x) => set('quantity', x)} error={errors.quantity} inputMode="decimal" required />
        <span />
        <TextField id="claim-reason" name="reason" label={t('claims.fields.reason')} value={v.reason} onChange={(x) => set('reason', x)} error={errors.reason} multiline />
      </div>
    </Dialog>
  );
}
