/**
 * A three-level textbook record worked by hand (Jacobs & Chase style): end item A, sub-assembly B, part C.
 * C is used by A directly and by B, so its low-level code is 2 (longest path), not 1.
 *
 *   A (make, LT 1, on hand 10)           demands D1 = 50 in bucket 3, D2 = 40 on 2026-04-08 (in bucket 5, 04-06 … 04-12)
 *   ├─ B × 2 (LT 2, on hand 20, open receipt PO-B1 = 30 in bucket 1)
 *   │   └─ C × 2
 *   └─ C × 1 (LT 1, on hand 40, safety stock 10, fixed lots of 100)
 *
 * A, lot-for-lot:   GR  0 0 0 50 0 40 · POH 10 10 10 0 0 0 · NR 0 0 0 40 0 40 · PR 0 0 0 40 0 40 · releases (LT 1) 0 0 40 0 40 0
 * B, GR = 2 × A's releases = 0 0 80 0 80 0; SR 0 30 0 0 0 0
 *   t0: 20 → POH 20; t1: 20 + 30 = 50; t2: 50 − 80 = −30 → NR 30, PR 30, POH 0; t4: −80 → NR 80, PR 80
 *   releases (LT 2): 30 in bucket 0, 80 in bucket 2
 * C, GR = 1 × A's releases + 2 × B's releases = (0 0 40 0 40 0) + (60 0 160 0 0 0) = 60 0 200 0 40 0
 *   t0: 40 − 60 = −20 < SS 10 → NR 30, PR 100 (one lot), POH 80; t1: 80
 *   t2: 80 − 200 = −120 → NR 130, PR 200 (two lots), POH 80; t3: 80; t4: 80 − 40 = 40; t5: 40
 *   releases (LT 1): the bucket-0 order should have been released in bucket −1 → bucket 0, past-due by 1;
 *   the bucket-2 order in bucket 1: releases 100 200 0 0 0 0
 * Pegging, first in first out:
 *   A: on hand 10 + MRP-A-3 40 cover D1 50; MRP-A-5 covers D2 40
 *   B: on hand 20 + PO-B1 30 + MRP-B-2 30 cover MRP-A-3's 80; MRP-B-4 covers MRP-A-5's 80
 *   C: requirements in time order: SS 10, MRP-B-2's 60 (bucket 0), MRP-A-3's 40 and MRP-B-4's 160 (bucket 2),
 *      MRP-A-5's 40 (bucket 4). On hand 40 covers SS 10 + 30 of MRP-B-2; MRP-C-0 (100) covers MRP-B-2 30,
 *      MRP-A-3 40, MRP-B-4 30; MRP-C-2 (200) covers MRP-B-4 130, MRP-A-5 40 (30 left over).
 */
import { MrpRequest } from "../../../src/mrp.ts";

export const textbook = MrpRequest.parse({
  buckets: { start: "2026-03-02", size: "week", count: 6 },
  items: [
    { id: "A", leadTime: 1, onHand: 10 },
    { id: "B", leadTime: 2, onHand: 20 },
    { id: "C", leadTime: 1, onHand: 40, safetyStock: 10, lotSizing: { rule: "fixed", quantity: 100 } },
  ],
  bom: [
    { parent: "A", component: "B", quantity: 2 },
    { parent: "A", component: "C", quantity: 1 },
    { parent: "B", component: "C", quantity: 2 },
  ],
  demands: [
    { id: "D1", item: "A", bucket: 3, quantity: 50 },
    { id: "D2", item: "A", date: "2026-04-08", quantity: 40 },
  ],
  receipts: [{ id: "PO-B1", item: "B", bucket: 1, quantity: 30 }],
});
