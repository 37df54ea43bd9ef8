/**
 * Container capacities for the fill bar of a shipment (total CBM and gross weight against the container).
 *
 * These are typical LOADABLE figures that forwarders in Ningbo/Yiwu quote for carton cargo, not the ISO inner
 * volume (a 40HQ is about 76 m³ inside, but cartons stacked by hand fill about 68) and not a particular
 * carrier's maximum payload. The UI shows them as a bar, which may pass 100 % (over capacity: split the
 * load or change the container). A user's forwarder may quote other figures; treat these as a guide.
 */
import type { CONTAINER_TYPES } from './trade';

export type ContainerType = (typeof CONTAINER_TYPES)[number];

export interface ContainerCapacity {
  /** usable volume for carton cargo, m³ (whole number) */
  usableCbm: number;
  /** typical maximum payload, kg (whole number) */
  payloadKg: number;
}

export const CONTAINER_CAPACITY: Record<ContainerType, ContainerCapacity> = {
  '20GP': { usableCbm: 28, payloadKg: 21_700 },
  '40GP': { usableCbm: 58, payloadKg: 26_500 },
  '40HQ': { usableCbm: 68, payloadKg: 26_500 },
};

/**
 * Percent of `capacity` that `used` fills, both at the same scale, rounded half up to 1 decimal (exact
 * integer arithmetic, `used` ≥ 0; may exceed 100).
 */
export function fillPercent(used: number, capacity: number): number {
  if (capacity <= 0) return 0;
  // tenths of a percent: used × 1000 / capacity, rounded half up (used ≥ 0)
  const tenths = (BigInt(used) * 2000n + BigInt(capacity)) / (BigInt(capacity) * 2n);
  return Number(tenths) / 10;
}
