/**
 * Add lines to a shipment from the consignee's confirmed sales orders: tick a line (Space), type the
 * quantity to ship (it starts at everything that is left, and typing ticks the line), Enter adds.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShippableLine } from '../../../../../shared/trade';
import { call } from '../../../api';
import { useAppState } from '../../../context';
import { codeName } from '../../../lib/codes';
import { Dialog } from '../common/Dialog';
import { qtyE3, qtyText } from '../common/format';
import { failText } from '../common/messages';
import { localName, usePartyNames } from '../../../lib/names';

export interface PickedLine {
  line: ShippableLine;
  quantity: string;
}

interface Props {
  consigneeId: number;
  consigneeName: string;
  /** quantity per order line this shipment's unsaved changes already take (×1000) */
  pending: Map<number, number>;
  onAdd: (picked: PickedLine[]) => void;
  onCancel: () => void;
}

interface Row {
  line: ShippableLine;
  remaining: string;
  checked: boolean;
  quantity: string;
  error?: string | undefined;
}

export function AddLinesDialog({ consigneeId, consigneeName, pending, onAdd, onCancel }: Props) {
  const { t } = useTranslation();
  const { language: lang } = useAppState();
  const names = usePartyNames();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [message, setMessage] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    call('shipments.shippable', { consigneeId })
      .then((list) => {
        if (!live) return;
        const out: Row[] = [];
        for (const line of list) {
          const left = (qtyE3(line.remaining) ?? 0) - Math.max(pending.get(line.orderLineId) ?? 0, 0);
          if (left > 0) out.push({ line, remaining: qtyText(left), checked: false, quantity: qtyText(left) });
        }
        setRows(out);
      })
      .catch((e: unknown) => live && setMessage(t('errors.loadFailed', { message: failText(t, e) })));
    return () => {
      live = false;
    };
  }, [consigneeId]);

  // the list arrives after the dialog opened: the keyboard goes to its first line
  const tableRef = useRef<HTMLTableElement>(null);
  const hasRows = rows !== null && rows.length > 0;
  useEffect(() => {
    if (hasRows) tableRef.current?.querySelector<HTMLInputElement>('tbody input[type=checkbox]')?.focus();
  }, [hasRows]);

  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs && rs.map((r, j) => (j === i ? { ...r, ...patch, error: undefined } : r)));
  const checkedCount = rows?.filter((r) => r.checked).length ?? 0;
  const allChecked = rows !== null && rows.length > 0 && checkedCount === rows.length;

  function submit() {
    if (!rows) return;
    let bad = false;
    const checked = rows.map((r) => {
      if (!r.checked) return r;
      const q = qtyE3(r.quantity);
      const left = qtyE3(r.remaining) ?? 0;
      if (q === null || q <= 0) {
        bad = true;
        return { ...r, error: t('shipments.add.qtyPositive') };
      }
      if (q > left) {
        bad = true;
        return { ...r, error: t('shipments.add.qtyTooMuch', { remaining: r.remaining }) };
      }
      return r;
    });
    if (bad) {
      setRows(checked);
      return;
    }
    onAdd(checked.filter((r) => r.checked).map((r) => ({ line: r.line, quantity: qtyText(qtyE3(r.quantity) ?? 0) })));
  }

  return (
    <Dialog
      title={t('shipments.add.title', { name: consigneeName })}
      submitLabel={checkedCount > 0 ? t('shipments.add.submitCount', { count: checkedCount }) : t('shipments.add.submit')}
      canSubmit={checkedCount > 0}
      message={message}
      wide
      testId="add-lines"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <p className="logi-note">{t('shipments.add.hint')}</p>
      {rows === null && !message && <p className="logi-note">{t('shipments.add.loading')}</p>}
      {rows !== null && rows.length === 0 && <p className="logi-empty">{t('shipments.add.empty')}</p>}
      {rows !== null && rows.length > 0 && (
        <div className="add-lines-scroll">
          <table className="logi-table add-lines" ref={tableRef}>
            <thead>
              <tr>
                <th className="col-check">
                  <input
                    type="checkbox"
                    aria-label={t('shipments.add.all')}
                    title={t('shipments.add.all')}
                    checked={allChecked}
                    onChange={(e) => setRows((rs) => rs && rs.map((r) => ({ ...r, checked: e.target.checked, error: undefined })))}
                  />
                </th>
                <th>{t('shipments.lines.orderNo')}</th>
                <th>{t('shipments.lines.itemNo')}</th>
                <th>{t('shipments.lines.name')}</th>
                <th>{t('shipments.lines.stallName')}</th>
                <th className="num">{t('shipments.add.ordered')}</th>
                <th className="num">{t('shipments.add.shipped')}</th>
                <th className="num">{t('shipments.add.remaining')}</th>
                <th className="num">{t('shipments.add.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const name = localName(r.line, lang);
                const unit = r.line.unit ? codeName('units', r.line.unit, lang) || r.line.unit : '';
                return (
                  <tr key={r.line.orderLineId} data-order-line={r.line.orderLineId} className={r.checked ? 'row-checked' : undefined}>
                    <td className="col-check">
                      <input
                        type="checkbox"
                        aria-label={t('shipments.add.pick', { item: r.line.itemNo || name, order: r.line.orderNo })}
                        checked={r.checked}
                        onChange={(e) => update(i, { checked: e.target.checked })}
                      />
                    </td>
                    <td>{r.line.orderNo}</td>
                    <td>{r.line.itemNo}</td>
                    <td>{name}</td>
                    <td>{names(r.line.stallId, r.line.stallName)}</td>
                    <td className="num">{r.line.ordered}</td>
                    <td className="num">{r.line.shipped}</td>
                    <td className="num" data-testid="remaining">
                      {r.remaining} {unit}
                    </td>
                    <td className="num col-qty">
                      <input
                        type="text"
                        inputMode="decimal"
                        name="quantity"
                        autoComplete="off"
                        aria-label={t('shipments.add.quantity')}
                        aria-invalid={Boolean(r.error)}
                        value={r.quantity}
                        onFocus={(e) => e.currentTarget.select()}
                        onChange={(e) => update(i, { quantity: e.target.value, checked: true })}
                      />
                      {r.error && (
                        <div className="field-error" role="alert">
                          {r.error}
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
