/**
 * Gross-to-net netting of one item's time-phased record (Orlicky 1975; Jacobs & Chase, "Operations and
 * Supply Chain Management", ch. "Material Requirements Planning"), exactly issue 5's convention 3:
 *
 *   avail = POH[t−1] + SR[t] − GR[t]   (POH[−1] = on hand)
 *   avail ≥ SS → NR[t] = PR[t] = 0;  otherwise NR[t] = SS − avail, PR[t] = lot(t, NR[t]) ≥ NR[t]
 *   POH[t] = avail + PR[t]
 *
 * Inside a planning time fence (t < fence, issue 23) no lot is planned: PR[t] = 0, so the shortfall is
 * carried in POH (below safety stock, even negative) into the next buckets until a receipt or the first
 * lot at the fence covers it — the plan is made as if the shortage were covered late.
 *
 * Quantities are doubles. Integer inputs stay exact (sums of integers below 2^53); fractional BOM
 * quantities leave rounding residues like 5.6e-17, so a shortfall of at most QUANTITY_EPSILON counts as
 * none — otherwise a residue would plan an order for a billionth of a unit.
 */

/** Shortfalls up to this many units are rounding residues, not requirements. */
export const QUANTITY_EPSILON = 1e-9;

/**
 * Snaps a floating-point residue next to a whole number onto it (125.00000000000001 → 125), and −0 to 0:
 * JSON cannot tell them apart, but deep-equality checks of a response against a re-parsed one can.
 */
export function tidy(x: number): number {
  const whole = Math.round(x);
  return Math.abs(x - whole) <= QUANTITY_EPSILON * Math.max(1, Math.abs(x)) ? whole + 0 : x;
}

/** Inputs of one item's netting; arrays hold one number per bucket. */
export interface NettingInput {
  /** Gross requirements GR[t], units. */
  readonly gross: ArrayLike<number>;
  /** Scheduled (open) receipts SR[t], units, arriving at the start of t. */
  readonly receipts: ArrayLike<number>;
  /** On hand before bucket 0, units. */
  readonly onHand: number;
  /** Safety stock SS the projected on hand must not fall below, units. */
  readonly safetyStock: number;
  /** Planning time fence: no lots in buckets 0 … fence − 1. Default 0. */
  readonly fence?: number;
}

/**
 * A lot-sizing rule: the planned receipt for bucket t given its net requirement (> 0) and the
 * available balance after gross requirements; must return at least `net`.
 */
export type LotSizer = (t: number, net: number, avail: number) => number;

/** The netting outputs, one number per bucket (written in place: callers reuse scratch arrays). */
export interface NettingRecord {
  readonly projectedOnHand: Float64Array;
  readonly net: Float64Array;
  readonly plannedReceipts: Float64Array;
}

export function newNettingRecord(buckets: number): NettingRecord {
  return { projectedOnHand: new Float64Array(buckets), net: new Float64Array(buckets), plannedReceipts: new Float64Array(buckets) };
}

/** Runs convention 3 over the horizon, writing POH, NR and PR into `out`. */
export function netRequirements(input: NettingInput, lot: LotSizer, out: NettingRecord): void {
  const { gross, receipts, safetyStock } = input;
  const fence = input.fence ?? 0;
  const { projectedOnHand, net, plannedReceipts } = out;
  let onHand = input.onHand;
  for (let t = 0; t < gross.length; t++) {
    const avail = onHand + receipts[t]! - gross[t]!;
    if (avail >= safetyStock - QUANTITY_EPSILON) {
      net[t] = 0;
      plannedReceipts[t] = 0;
      onHand = avail;
    } else {
      const shortfall = safetyStock - avail;
      const receipt = t < fence ? 0 : lot(t, shortfall, avail);
      net[t] = shortfall;
      plannedReceipts[t] = receipt;
      onHand = avail + receipt;
    }
    projectedOnHand[t] = onHand;
  }
}
