/**
 * What stops a save, placed where the user looks: header fields by name, line cells by `${rowKey}.${colId}`,
 * and a list under the grid ("Line 3 · Quantity: must be more than 0") that leads to the cell. The core's
 * paths name the lines it was sent (lines.2 = the third line sent); the list counts the lines of the grid.
 */
import type { TFunction } from 'i18next';
import { ApiCallError } from '../../api';
import { describeError, issueText } from '../../lib/errors';
import { checkLine, type LineDraft } from './lineModel';
import { orderMessage } from './messages';
import { HEADER_FIELDS, type HeaderDraft } from './OrderHeader';

export interface LineIssue {
  rowKey: number | null;
  colId: string | null;
  text: string;
}

export interface SaveProblems {
  header: Record<string, string>;
  cells: Record<string, string>;
  list: LineIssue[];
}

/** Grid columns that a line error's field shows in. */
const LINE_COLUMN: Record<string, string> = {
  productId: 'productId',
  itemNo: 'productId',
  nameZh: 'nameZh',
  nameEn: 'nameEn',
  spec: 'spec',
  hsCode: 'hsCode',
  unit: 'unit',
  cartons: 'cartons',
  pcsPerCarton: 'pcsPerCarton',
  quantity: 'quantity',
  unitPrice: 'unitPrice',
  grossKg: 'grossKg',
  netKg: 'netKg',
  cbm: 'cbm',
  stallId: 'stallId',
  notes: 'notes',
};

const colLabel = (t: TFunction, colId: string) => t(`orders.lines.${colId === 'productId' ? 'product' : colId === 'stallId' ? 'stall' : colId}`);

function collector(t: TFunction, all: LineDraft[]) {
  const p: SaveProblems = { header: {}, cells: {}, list: [] };
  const lineNo = (l: LineDraft) => all.indexOf(l) + 1;
  return {
    p,
    cell(l: LineDraft, colId: string | null, text: string) {
      if (colId) p.cells[`${l.key}.${colId}`] ??= text;
      p.list.push({
        rowKey: l.key,
        colId,
        text: colId ? t('orders.lineError', { line: lineNo(l), field: colLabel(t, colId), message: text }) : t('orders.lineErrorNoField', { line: lineNo(l), message: text }),
      });
    },
  };
}

const isEmpty = (p: SaveProblems) => Object.keys(p.header).length === 0 && p.list.length === 0;

/** What the UI can tell before asking the core; null when nothing. */
export function checkBeforeSave(t: TFunction, header: HeaderDraft, all: LineDraft[], sent: LineDraft[]): SaveProblems | null {
  const c = collector(t, all);
  if (header.partyId === '') c.p.header.partyId = t('orders.msg.partyRequired');
  if (header.rate.trim() === '') c.p.header.rate = t('orders.msg.rateRequired');
  for (const l of sent) for (const [field, key] of Object.entries(checkLine(l))) c.cell(l, LINE_COLUMN[field] ?? field, t(key));
  return isEmpty(c.p) ? null : c.p;
}

/** The core's refusal of a save, placed on the header fields and line cells it names. */
export function problemsOf(t: TFunction, error: unknown, all: LineDraft[], sent: LineDraft[]): SaveProblems {
  const c = collector(t, all);
  if (!(error instanceof ApiCallError) || error.issues.length === 0) {
    c.p.list.push({ rowKey: null, colId: null, text: t('errors.saveFailed', { message: orderMessage(t, describeError(t, error)) }) });
    return c.p;
  }
  for (const issue of error.issues) {
    const text = issueText(t, issue, orderMessage);
    const m = /^lines\.(\d+)(?:\.(\w+))?/.exec(issue.path);
    const line = m ? sent[Number(m[1])] : undefined;
    if (m && line) {
      c.cell(line, m[2] ? (LINE_COLUMN[m[2]] ?? null) : null, text);
      continue;
    }
    const field = issue.path.replace(/^header\./, '');
    if ((HEADER_FIELDS as readonly string[]).includes(field)) c.p.header[field] ??= text;
    else c.p.list.push({ rowKey: null, colId: null, text });
  }
  return c.p;
}
