/**
 * What each column can be: the fields of each import kind, the header words traders use for them (Chinese,
 * English, both), and how a cell becomes the stored value. Header matching (header.ts) compares letters and
 * digits only, lower case, plain width: "Item No." = "ITEM NO" = "item no" = "itemno".
 */
import { IMPORT_FIELDS, type ImportKind } from '../../../shared/import';
import type { Cell } from './read';
import {
  parseCartonSize,
  parseCountry,
  parseCurrency,
  parseDecimal,
  parseHsCode,
  parseRoles,
  parseText,
  parseUnit,
  parseWhole,
  type Parsed,
} from './normalise';

export interface FieldSpec {
  key: string;
  /** English name for messages when no column is mapped to it */
  label: string;
  synonyms: string[];
  parse(c: Cell): Parsed<unknown> & { currency?: string | null };
}

const KG = /(kgs?|千克|公斤)$/i;
const CM = /(cm|厘米)$/i;
const PCT = /%$/;
const dec = (scale: number, whole: number, units?: RegExp, allowZero = true) => (c: Cell) => parseDecimal(c, { scale, whole, ...(units ? { units } : {}), allowZero });
const txt = (max: number) => (c: Cell) => parseText(c, max);

const S = {
  itemNo: ['货号', '款号', '编号', '产品编号', '商品编号', '货品编号', '产品货号', 'item no', 'item', 'item number', 'art no', 'article no', 'sku', 'style no', 'ref no', 'item code', 'product code'],
  nameZh: ['商品名称', '品名', '中文品名', '名称', '产品名称', '货物名称', '中文名称', '商品名', '货名', '中文名'],
  nameEn: ['description', '英文品名', '英文名称', '英文名', 'english name', 'description of goods', 'product name', 'goods', 'commodity', 'name', 'product'],
  spec: ['规格', '规格型号', '型号', 'spec', 'specification', 'model', 'size'],
  hsCode: ['hs编码', '商品编码', '海关编码', 'hs', 'hs code', 'hscode', '税号', '税则号', '海关商品编码'],
  unit: ['单位', 'unit', '计量单位', '申报单位', '海关单位', 'uom'],
  pcsPerCarton: ['每箱数量', '装箱数', '每箱个数', '入数', '装箱量', '每箱只数', 'pcs/ctn', 'qty/ctn', 'qty per ctn', 'pcs per carton', 'pcs per ctn', 'packing qty'],
  cartons: ['箱数', '件数', 'ctns', 'ctn', 'cartons', 'carton qty', 'no of ctns', 'total ctns'],
  quantity: ['数量', '总数量', 'qty', 'quantity', 'total qty', 'total pcs', 'qty pcs', 'pcs'],
  unitPrice: ['单价', '价格', '售价', '出厂价', '报价', 'unit price', 'price', 'u price', 'fob price'],
  amount: ['金额', '总价', '总金额', '货值', 'amount', 'total amount', 'total price', 'value'],
  gross: ['毛重', 'gw', 'g w', 'gross weight', 'gross', '每箱毛重', 'gw kg', 'gwkgs'],
  net: ['净重', 'nw', 'n w', 'net weight', 'net', '每箱净重', 'nw kg', 'nwkgs'],
  cbm: ['体积', '立方', '立方数', 'cbm', 'volume', 'meas', 'measurement'],
  stall: ['商户号', '档口', '供应商', '工厂', '厂家', 'stall no', 'stall', 'supplier', 'factory', 'vendor', '档口名称'],
  notes: ['备注', 'remark', 'remarks', 'note', 'notes', 'memo', '说明'],
};

const FIELDS: Record<ImportKind, FieldSpec[]> = {
  products: [
    { key: 'itemNo', label: 'Item No.', synonyms: S.itemNo, parse: txt(64) },
    { key: 'nameZh', label: 'Chinese name', synonyms: S.nameZh, parse: txt(200) },
    { key: 'nameEn', label: 'English name', synonyms: S.nameEn, parse: txt(200) },
    { key: 'spec', label: 'Spec', synonyms: S.spec, parse: txt(500) },
    { key: 'hsCode', label: 'HS Code', synonyms: S.hsCode, parse: parseHsCode },
    { key: 'declElements', label: 'Declaration elements', synonyms: ['申报要素', 'declaration elements'], parse: txt(2000) },
    { key: 'brand', label: 'Brand', synonyms: ['品牌', 'brand'], parse: txt(100) },
    { key: 'customsUnit', label: 'Unit', synonyms: S.unit, parse: parseUnit },
    { key: 'pcsPerCarton', label: 'PCS/CTN', synonyms: S.pcsPerCarton, parse: (c) => parseWhole(c) },
    { key: 'cartonSize', label: 'Carton size', synonyms: ['外箱尺寸', '纸箱尺寸', '箱规尺寸', '箱子尺寸', '尺寸', 'carton size', 'ctn size', 'meas cm', 'dimension', 'dimensions'], parse: parseCartonSize },
    { key: 'cartonLengthCm', label: 'Carton length (cm)', synonyms: ['箱长', '长', 'length', 'l cm'], parse: dec(1, 4, CM) },
    { key: 'cartonWidthCm', label: 'Carton width (cm)', synonyms: ['箱宽', '宽', 'width', 'w cm'], parse: dec(1, 4, CM) },
    { key: 'cartonHeightCm', label: 'Carton height (cm)', synonyms: ['箱高', '高', 'height', 'h cm'], parse: dec(1, 4, CM) },
    { key: 'grossKgPerCarton', label: 'G.W. (kg/ctn)', synonyms: S.gross, parse: dec(3, 6, KG) },
    { key: 'netKgPerCarton', label: 'N.W. (kg/ctn)', synonyms: S.net, parse: dec(3, 6, KG) },
    { key: 'defaultPrice', label: 'Unit price', synonyms: S.unitPrice, parse: dec(4, 10) },
    { key: 'currency', label: 'Currency', synonyms: ['币种', '币制', '货币', 'currency', 'curr', 'ccy'], parse: parseCurrency },
    { key: 'supplier', label: 'Supplier', synonyms: S.stall, parse: txt(200) },
    { key: 'importDutyRate', label: 'Import duty %', synonyms: ['关税率', '关税税率', '进口关税', 'duty rate', 'duty'], parse: dec(2, 3, PCT) },
    { key: 'importVatRate', label: 'Import VAT %', synonyms: ['增值税率', '进口增值税', 'vat rate', 'vat'], parse: dec(2, 3, PCT) },
    { key: 'notes', label: 'Notes', synonyms: S.notes, parse: txt(2000) },
  ],
  parties: [
    { key: 'nameZh', label: 'Chinese name', synonyms: ['中文名', '中文名称', '名称', '客户名称', '公司名称', '姓名', '供应商名称', '档口名称', '单位名称', '客户', '供应商', '联系人'], parse: txt(200) },
    { key: 'nameEn', label: 'English name', synonyms: ['英文名', '英文名称', 'english name', 'name', 'company', 'company name', 'customer', 'customer name', 'supplier name', 'contact'], parse: txt(200) },
    { key: 'roles', label: 'Role', synonyms: ['类型', '角色', '身份', '类别', 'role', 'type', 'roles'], parse: parseRoles },
    { key: 'country', label: 'Country', synonyms: ['国家', '国别', '国家地区', '国家/地区', 'country', 'country region'], parse: parseCountry },
    { key: 'phone', label: 'Phone', synonyms: ['电话', '手机', '联系电话', '手机号', '电话号码', 'tel', 'phone', 'mobile', 'telephone', 'phone no'], parse: txt(50) },
    { key: 'wechat', label: 'WeChat', synonyms: ['微信', '微信号', 'wechat', 'wechat id', 'weixin'], parse: txt(100) },
    { key: 'whatsapp', label: 'WhatsApp', synonyms: ['whatsapp', 'wa', 'whats app'], parse: txt(50) },
    { key: 'email', label: 'Email', synonyms: ['邮箱', '电子邮件', '电子邮箱', 'email', 'e mail', 'mail'], parse: txt(200) },
    { key: 'address', label: 'Address', synonyms: ['地址', '联系地址', '公司地址', 'address', 'addr'], parse: txt(500) },
    { key: 'booth', label: 'Booth', synonyms: ['摊位', '摊位号', '档口号', '商位', '商位号', 'booth', 'booth no', 'shop no'], parse: txt(100) },
    { key: 'stallRegNo', label: 'Stall no. (商户号)', synonyms: ['商户号', '经营户编号', '市场主体编号', 'stall no', 'stall reg no', 'stall number'], parse: txt(50) },
    { key: 'idDocNo', label: 'Passport/ID no.', synonyms: ['护照号', '护照号码', '证件号', '证件号码', '身份证号', 'passport', 'passport no', 'id no', 'id number'], parse: txt(50) },
    { key: 'nationality', label: 'Nationality', synonyms: ['国籍', 'nationality'], parse: parseCountry },
    { key: 'notes', label: 'Notes', synonyms: S.notes, parse: txt(2000) },
  ],
  'order-lines': [
    { key: 'itemNo', label: 'Item No.', synonyms: S.itemNo, parse: txt(64) },
    { key: 'nameZh', label: 'Chinese name', synonyms: S.nameZh, parse: txt(200) },
    { key: 'nameEn', label: 'English name', synonyms: S.nameEn, parse: txt(200) },
    { key: 'spec', label: 'Spec', synonyms: S.spec, parse: txt(500) },
    { key: 'hsCode', label: 'HS Code', synonyms: S.hsCode, parse: parseHsCode },
    { key: 'unit', label: 'Unit', synonyms: S.unit, parse: parseUnit },
    { key: 'cartons', label: 'Ctns', synonyms: S.cartons, parse: (c) => parseWhole(c) },
    { key: 'pcsPerCarton', label: 'PCS/CTN', synonyms: S.pcsPerCarton, parse: (c) => parseWhole(c) },
    { key: 'quantity', label: 'Quantity', synonyms: S.quantity, parse: dec(3, 9, /(pcs|pc|个|只|件|套)$/i, false) },
    { key: 'unitPrice', label: 'Unit price', synonyms: S.unitPrice, parse: dec(4, 9) },
    { key: 'amount', label: 'Amount', synonyms: S.amount, parse: dec(3, 13) },
    { key: 'grossKg', label: 'G.W. (kg)', synonyms: S.gross, parse: dec(3, 8, KG) },
    { key: 'netKg', label: 'N.W. (kg)', synonyms: S.net, parse: dec(3, 8, KG) },
    { key: 'cbm', label: 'CBM', synonyms: S.cbm, parse: dec(4, 6, /(cbm|m3|m³|立方)$/i) },
    { key: 'stall', label: 'Stall', synonyms: S.stall, parse: txt(200) },
    { key: 'notes', label: 'Notes', synonyms: S.notes, parse: txt(1000) },
  ],
};

for (const kind of Object.keys(FIELDS) as ImportKind[]) {
  const keys = FIELDS[kind].map((f) => f.key).join();
  if (keys !== IMPORT_FIELDS[kind].join()) throw new Error(`import fields of ${kind} out of step with shared/import.ts`);
}

export function fieldsOf(kind: ImportKind): FieldSpec[] {
  return FIELDS[kind];
}

/** Words that mark a totals row, at the start of a cell. */
export const TOTAL_WORDS = /^(?:合计|总计|小计|共计|总数|合共)|^(?:total|totals|grandtotal|subtotal|sum)(?![a-z])/;
