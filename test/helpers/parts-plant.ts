/**
 * A plant of `count` bought parts, each with one demand in week 3 of a four-week horizon and a lead time of one
 * week: MRP answers exactly `count` planned purchase orders (`MRP-P-00000-2`, …), quantities 1 … 97. For the
 * workbench's MRP view at scale (its browser test and its benchmark).
 */
export function partsPlant(count: number) {
  const id = (k: number) => `P-${String(k).padStart(5, "0")}`;
  return {
    name: `${count.toLocaleString("en-GB")} bought parts`,
    buckets: { start: "2026-03-30", size: "week", count: 4 },
    items: Array.from({ length: count }, (_, k) => ({ id: id(k), source: "buy", leadTime: 1 })),
    demands: Array.from({ length: count }, (_, k) => ({ id: `D-${k}`, item: id(k), bucket: 2, quantity: 1 + (k % 97) })),
  };
}
