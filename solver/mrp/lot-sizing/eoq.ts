/**
 * Economic order quantity in MRP (Harris 1913; Jacobs & Chase): lot = max(NR, EOQ) with
 * EOQ = √(2·D·S / H), D the mean gross requirement per bucket over the horizon, S the setup (order) cost,
 * H the holding cost per unit per bucket. The EOQ is rounded to the nearest whole unit, as the textbook
 * does when it turns the formula into an order (a `multiple` gives other granularity).
 */
export function economicOrderQuantity(gross: ArrayLike<number>, setupCost: number, holdingCost: number): number {
  let total = 0;
  for (let t = 0; t < gross.length; t++) total += gross[t]!;
  const demandPerBucket = gross.length === 0 ? 0 : total / gross.length;
  return Math.round(Math.sqrt((2 * demandPerBucket * setupCost) / holdingCost));
}
