/**
 * quotePrefix for ExcelJS 4.4.
 *
 * Excel's "quote prefix" (the cell style attribute `quotePrefix="1"`, what typing a leading apostrophe sets)
 * keeps a text cell text even when the user edits it: "=HYPERLINK(...)" stays visible as written instead of
 * becoming a formula on the next F2 + Enter, and a CSV saved from it keeps the text. ExcelJS 4.4 has no such
 * style property, so this module teaches its style writer one: a cell style object with `quotePrefix: true`
 * is written as an <xf> with quotePrefix="1" (and a distinct style id).
 *
 * It wraps three internals of ExcelJS 4.4 (StylesXform.addStyleModel / _addStyle and StyleXform.render). If a
 * later ExcelJS changes them, installQuotePrefix() throws at the first export instead of silently writing
 * files without the attribute, and test/excel.test.ts checks the attribute in the written XML.
 */
import { createRequire } from 'node:module';

// ExcelJS internals are CommonJS files inside the package, without type declarations.
const req = createRequire(__filename);

interface XmlStream {
  openNode(name: string, attrs?: Record<string, unknown>): void;
  addAttribute(name: string, value: unknown): void;
  closeNode(): void;
}
interface StyleModel {
  numFmtId?: number;
  fontId?: number;
  fillId?: number;
  borderId?: number;
  xfId?: number;
  alignment?: unknown;
  protection?: unknown;
  quotePrefix?: boolean;
}
interface StyleXformInstance {
  xfId: boolean;
  map: { alignment: { render(x: XmlStream, m: unknown): void }; protection: { render(x: XmlStream, m: unknown): void } };
}
interface StylesXformInstance {
  __quotePrefixDepth?: number;
}

let installed = false;

export function installQuotePrefix(): void {
  if (installed) return;
  const StyleXform = req('exceljs/lib/xlsx/xform/style/style-xform.js') as { prototype: Record<string, unknown> };
  const StylesXform = req('exceljs/lib/xlsx/xform/style/styles-xform.js') as { prototype: Record<string, unknown> };
  const sp = StyleXform.prototype;
  const ssp = StylesXform.prototype;
  if (typeof sp.render !== 'function' || typeof ssp.addStyleModel !== 'function' || typeof ssp._addStyle !== 'function') {
    throw new Error('This ExcelJS version has no StyleXform.render / StylesXform.addStyleModel: quotePrefix cannot be written');
  }

  // The same output as ExcelJS 4.4's StyleXform.render, plus quotePrefix="1". Attributes must all be added
  // before the child nodes are rendered (rendering a child closes the open tag).
  sp.render = function render(this: StyleXformInstance, xmlStream: XmlStream, model: StyleModel) {
    xmlStream.openNode('xf', {
      numFmtId: model.numFmtId || 0,
      fontId: model.fontId || 0,
      fillId: model.fillId || 0,
      borderId: model.borderId || 0,
    });
    if (this.xfId) xmlStream.addAttribute('xfId', model.xfId || 0);
    if (model.numFmtId) xmlStream.addAttribute('applyNumberFormat', '1');
    if (model.fontId) xmlStream.addAttribute('applyFont', '1');
    if (model.fillId) xmlStream.addAttribute('applyFill', '1');
    if (model.borderId) xmlStream.addAttribute('applyBorder', '1');
    if (model.alignment) xmlStream.addAttribute('applyAlignment', '1');
    if (model.protection) xmlStream.addAttribute('applyProtection', '1');
    if (model.quotePrefix) xmlStream.addAttribute('quotePrefix', '1');
    if (model.alignment) this.map.alignment.render(xmlStream, model.alignment);
    if (model.protection) this.map.protection.render(xmlStream, model.protection);
    xmlStream.closeNode();
  };

  const addStyleModel = ssp.addStyleModel as (this: StylesXformInstance, model: unknown, cellType: unknown) => number;
  ssp.addStyleModel = function wrapped(this: StylesXformInstance, model: { quotePrefix?: boolean } | undefined, cellType: unknown) {
    if (!model || !model.quotePrefix) return addStyleModel.call(this, model, cellType);
    this.__quotePrefixDepth = (this.__quotePrefixDepth ?? 0) + 1;
    try {
      return addStyleModel.call(this, model, cellType);
    } finally {
      this.__quotePrefixDepth -= 1;
    }
  };
  const addStyle = ssp._addStyle as (this: StylesXformInstance, style: StyleModel) => number;
  ssp._addStyle = function wrapped(this: StylesXformInstance, style: StyleModel) {
    return addStyle.call(this, this.__quotePrefixDepth ? { ...style, quotePrefix: true } : style);
  };
  installed = true;
}
