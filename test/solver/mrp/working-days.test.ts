/**
 * Daily buckets on the factory calendar (issue 23), worked by hand: buckets are working days, lead times
 * count working days, dates fall on working days, and the buyers' follow-up list names what is due within
 * options.followUpDays working days, with the supplier.
 */
import { describe, expect, it } from "vitest";
import { MrpRequest } from "../../../src/mrp.ts";
import { planJson } from "./plan.ts";
import { validateMrp } from "./validate-mrp.ts";

const SHIFT = [{ start: "08:00", end: "16:00", breaks: [{ start: "12:00", end: "12:30" }] }];

/**
 * Calendar "plant": Monday to Friday, Friday 6 March 2026 a holiday. From Wednesday 4 March the 8 buckets
 * are the working days Wed 4, Thu 5, Mon 9, Tue 10, Wed 11, Thu 12, Fri 13, Mon 16 (buckets 0 … 7).
 *
 * A (make, lead time 2 working days): D1 10 on Tue 10 → bucket 3; D2 5 on Saturday 14 → bucket 6 (Friday's).
 *   MRP-A-3 released 2 working days earlier, bucket 1 = Thu 5 (2 calendar days would be Sunday 8);
 *   MRP-A-6 released in bucket 4 = Wed 11.
 * B (bought from "Anhui Motor Co.", lead time 3, 1 per A): gross = A's releases = 10 in bucket 1, 5 in bucket 4;
 *   open receipt PO-B1 4 on Sunday 8 → bucket 1 (Thu 5).
 *   t1: 0 + 4 − 10 = −6 → MRP-B-1 = 6, release bucket 1 − 3 = −2 → bucket 0, past-due by 2;
 *   t4: −5 → MRP-B-4 = 5, released in bucket 1. PO-B1 is needed in bucket 1, where it arrives: no message.
 * Follow-up within 2 working days (buckets 0 … 2): B's PO-B1 and MRP-B-1, both due Thu 5 (1 working day away);
 *   MRP-B-4 (Wed 11, 4 working days away) only with the default 5 days; A is made, not bought.
 */
const request = MrpRequest.parse({
  buckets: { start: "2026-03-04", size: "day", count: 8, calendar: "plant" },
  calendars: [{ id: "plant", shifts: { mon: SHIFT, tue: SHIFT, wed: SHIFT, thu: SHIFT, fri: SHIFT }, exceptions: [{ date: "2026-03-06", shifts: [] }] }],
  items: [
    { id: "A", leadTime: 2 },
    { id: "B", leadTime: 3, supplier: "Anhui Motor Co." },
  ],
  bom: [{ parent: "A", component: "B", quantity: 1 }],
  demands: [
    { id: "D1", item: "A", date: "2026-03-10", quantity: 10 },
    { id: "D2", item: "A", date: "2026-03-14", quantity: 5 },
  ],
  receipts: [{ id: "PO-B1", item: "B", date: "2026-03-08", quantity: 4 }],
  options: { followUpDays: 2 },
});

describe("working-day buckets", () => {
  const response = planJson(request);

  it("passes the independent validator (its own calendar logic)", () => {
    expect(validateMrp(request, response)).toEqual([]);
  });

  it("offsets lead times by working days", () => {
    expect(response.items.A).toMatchObject({ gross: [0, 0, 0, 10, 0, 0, 5, 0], plannedReleases: [0, 10, 0, 0, 5, 0, 0, 0] });
    expect(response.items.B).toMatchObject({
      gross: [0, 10, 0, 0, 5, 0, 0, 0],
      scheduledReceipts: [0, 4, 0, 0, 0, 0, 0, 0],
      net: [0, 6, 0, 0, 5, 0, 0, 0],
      plannedReceipts: [0, 6, 0, 0, 5, 0, 0, 0],
      plannedReleases: [6, 5, 0, 0, 0, 0, 0, 0],
    });
  });

  it("dates every release and receipt on a working day", () => {
    expect(response.plannedOrders.map((o) => [o.id, o.releaseDate, o.receiptDate])).toEqual([
      ["MRP-A-3", "2026-03-05", "2026-03-10"],
      ["MRP-A-6", "2026-03-11", "2026-03-13"],
      ["MRP-B-1", "2026-03-04", "2026-03-05"],
      ["MRP-B-4", "2026-03-05", "2026-03-11"],
    ]);
    expect(response.exceptions.map((e) => [e.item, e.kind, e.bucket, e.bucketsLate])).toEqual([
      ["B", "past-due", 1, 2],
      ["B", "release", 0, undefined],
    ]);
  });

  it("lists the purchases due within the follow-up window, with the supplier", () => {
    const dueThursday = { item: "B", supplier: "Anhui Motor Co.", bucket: 1, date: "2026-03-05", workingDays: 1 };
    expect(response.followUp).toEqual([
      { kind: "receipt", id: "PO-B1", ...dueThursday, quantity: 4 },
      { kind: "planned-order", id: "MRP-B-1", ...dueThursday, quantity: 6 },
    ]);
    const byDefault = planJson({ ...request, options: {} });
    expect(byDefault.followUp.map((f) => [f.id, f.date, f.workingDays])).toEqual([
      ["PO-B1", "2026-03-05", 1],
      ["MRP-B-1", "2026-03-05", 1],
      ["MRP-B-4", "2026-03-11", 4],
    ]);
  });

  it("lists a firm purchase order as one", () => {
    // F-B firms 5 of B due Monday 9 (bucket 2, 2 working days away); they cover bucket 4's 5, so MRP-B-4 is gone
    const firmed = planJson({ ...request, firmPlannedOrders: [{ id: "F-B", item: "B", bucket: 2, quantity: 5 }] });
    expect(firmed.followUp.map((f) => [f.kind, f.id, f.date, f.workingDays])).toEqual([
      ["receipt", "PO-B1", "2026-03-05", 1],
      ["planned-order", "MRP-B-1", "2026-03-05", 1],
      ["firm-order", "F-B", "2026-03-09", 2],
    ]);
  });

  it("counts Monday to Friday without a calendar", () => {
    // Buckets are calendar days Wed 4 … Sat 14; PO-B1 and MRP-B-4 are due Sunday 8 (bucket 4), with the
    // Wednesday to Friday before it: 3 working days away; MRP-B-8 (Thu 12) is 6 away.
    const plain = planJson({ ...request, buckets: { start: "2026-03-04", size: "day", count: 11 }, options: { followUpDays: 3 } });
    expect(plain.followUp.map((f) => [f.id, f.date, f.workingDays])).toEqual([
      ["PO-B1", "2026-03-08", 3],
      ["MRP-B-4", "2026-03-08", 3],
    ]);
  });
});
