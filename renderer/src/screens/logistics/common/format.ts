/** How logistics figures are shown: amounts per currency, fixed-scale decimals without the trailing zeros. */
import { formatScaledTrim, parseScaled } from '../../../../../shared/decimal';
import { normalizeDecimalInput } from '../../../lib/numbers';

/** { USD: "1500.00", CNY: "20.00" } → "USD 1,500.00 · CNY 20.00", the UI language's way (lib/format). */
export { amountsText } from '../../../lib/format';

/** "68.0000" → "68" (display only; the value is the core's). */
export function trimDecimal(text: string, scale: number): string {
  try {
    return formatScaledTrim(parseScaled(text, scale), scale);
  } catch {
    return text;
  }
}

/** A quantity typed by the user as an exact integer ×1000, or null when it is not a quantity. */
export function qtyE3(text: string): number | null {
  try {
    return parseScaled(normalizeDecimalInput(text), 3);
  } catch {
    return null;
  }
}

export const qtyText = (e3: number) => formatScaledTrim(e3, 3);
