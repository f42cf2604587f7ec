import { describe, expect, it } from "vitest";
import { bufferColour, bufferStatus } from "../../../solver/bottleneck/buffer-status.ts";
import { drumBufferRope } from "../../../solver/bottleneck/drum-buffer-rope.ts";
import { compileCalendar } from "../../../solver/calendar/compile-calendar.ts";
import { Calendar } from "../../../src/calendar.ts";
import type { BottleneckRequest } from "../../../src/bottleneck.ts";
import { parseDateTime } from "../../../src/time.ts";
import type { RequestInput } from "./fixtures.ts";
import { DAY_CALENDAR, weekRequest } from "./fixtures.ts";

const t = (s: string) => parseDateTime(s)!;

/** Widget W: cut (2 min/unit on CUT) → press (3 min/unit on PRESS, the drum) → pack (1 min/unit on PACK). Mon–Fri 08:00–16:00. */
function pressShop(orders: NonNullable<RequestInput["orders"]>, extra: Partial<RequestInput> = {}) {
  return weekRequest({
    resources: ["CUT", "PRESS", "PACK"].map((id) => ({ id, calendar: "day" })),
    routings: [
      {
        item: "W",
        operations: [
          { id: "cut", resources: ["CUT"], runMinutesPerUnit: 2 },
          { id: "press", resources: ["PRESS"], runMinutesPerUnit: 3 },
          { id: "pack", resources: ["PACK"], runMinutesPerUnit: 1 },
        ],
      },
    ],
    products: [{ item: "W", price: 10, demand: 1000 }],
    operatingExpense: 0,
    orders,
    ...extra,
  });
}

function dbr(request: BottleneckRequest, planStart: string, now?: string) {
  const { orders, routings, resources, calendars, progress, bufferMinutes } = request;
  return drumBufferRope({
    orders,
    routings,
    resources,
    calendars,
    progress,
    ...(bufferMinutes === undefined ? {} : { bufferMinutes }),
    drumResource: "PRESS",
    planStart: t(planStart),
    ...(now === undefined ? {} : { now: t(now) }),
  });
}

/** Independent check: no two drum operations overlap on a unit, and each one's working minutes are its duration. */
function checkDrum(result: ReturnType<typeof dbr>, minutesOf: (order: string) => number, running: ReadonlySet<string> = new Set()) {
  const working = compileCalendar(Calendar.parse(DAY_CALENDAR), { from: t("2026-02-01T00:00"), to: t("2026-04-01T00:00") });
  const byUnit = new Map<number, Array<[number, number]>>();
  for (const op of result.drum) {
    const [s, e] = [t(op.start), t(op.end)];
    if (!running.has(op.order)) expect(working.workingMinutesBetween(s, e)).toBeCloseTo(minutesOf(op.order), 9);
    byUnit.set(op.unit, [...(byUnit.get(op.unit) ?? []), [s, e]]);
  }
  for (const spans of byUnit.values()) {
    spans.sort((a, b) => a[0] - b[0]);
    spans.forEach((span, i) => i > 0 && expect(span[0]).toBeGreaterThanOrEqual(spans[i - 1]![1]));
  }
}

describe("drumBufferRope", () => {
  it("sequences the drum by due date then priority and ropes releases half the upstream lead time ahead (worked by hand)", () => {
    const request = pressShop([
      { id: "o1", item: "W", quantity: 40, due: "2026-03-04T16:00" },
      { id: "o2", item: "W", quantity: 20, due: "2026-03-03T16:00", priority: 3 },
      { id: "o3", item: "W", quantity: 20, due: "2026-03-03T16:00", priority: 1 },
    ]);
    const result = dbr(request, "2026-03-02T00:00");
    // Drum from Monday 08:00: o3 (same due as o2, priority 1) 60 min, o2 60 min, o1 120 min.
    expect(result.drum).toEqual([
      { order: "o3", operation: "press", unit: 0, start: "2026-03-02T08:00", end: "2026-03-02T09:00" },
      { order: "o2", operation: "press", unit: 0, start: "2026-03-02T09:00", end: "2026-03-02T10:00" },
      { order: "o1", operation: "press", unit: 0, start: "2026-03-02T10:00", end: "2026-03-02T12:00" },
    ]);
    checkDrum(result, (o) => ({ o1: 120, o2: 60, o3: 60 })[o]!);
    // Buffers: half of the cut (2 min/unit): o1 40, o2 and o3 20 working minutes on CUT's calendar.
    // o3: 20 minutes before Monday 08:00 is the previous Friday 15:40.
    expect(result.releases).toEqual([
      { order: "o1", release: "2026-03-02T09:20", drumStart: "2026-03-02T10:00", bufferMinutes: 40 },
      { order: "o2", release: "2026-03-02T08:40", drumStart: "2026-03-02T09:00", bufferMinutes: 20 },
      { order: "o3", release: "2026-02-27T15:40", drumStart: "2026-03-02T08:00", bufferMinutes: 20 },
    ]);
    expect(result.buffers).toEqual([]);
    expect(result.unscheduled).toEqual([]);
  });

  it("uses bufferMinutes for every order, in working time across the weekend", () => {
    const request = pressShop(
      [
        { id: "o2", item: "W", quantity: 20, due: "2026-03-03T16:00" },
        { id: "o3", item: "W", quantity: 20, due: "2026-03-03T16:00", priority: 1 },
      ],
      { bufferMinutes: 90 },
    );
    const result = dbr(request, "2026-03-02T00:00");
    expect(result.releases.map((r) => [r.order, r.release])).toEqual([
      ["o2", "2026-02-27T15:30"], // 09:00 − 60 min Monday − 30 min Friday
      ["o3", "2026-02-27T14:30"], // 08:00 − 90 min Friday
    ]);
  });

  it("fills parallel drum units, each operation on the unit free first", () => {
    const request = pressShop([
      { id: "a", item: "W", quantity: 20, due: "2026-03-03T10:00" },
      { id: "b", item: "W", quantity: 40, due: "2026-03-03T11:00" },
      { id: "c", item: "W", quantity: 20, due: "2026-03-03T12:00" },
    ]);
    request.resources[1] = { ...request.resources[1]!, units: 2 };
    const result = dbr(request, "2026-03-02T08:00");
    expect(result.drum.map((d) => [d.order, d.unit, d.start, d.end])).toEqual([
      ["a", 0, "2026-03-02T08:00", "2026-03-02T09:00"],
      ["b", 1, "2026-03-02T08:00", "2026-03-02T10:00"],
      ["c", 0, "2026-03-02T09:00", "2026-03-02T10:00"],
    ]);
  });

  it("colours the buffers of orders on their way to the drum at now; running and arrived orders have none", () => {
    const request = pressShop(
      [
        { id: "o1", item: "W", quantity: 10, due: "2026-03-02T16:00" },
        { id: "o2", item: "W", quantity: 10, due: "2026-03-03T12:00" },
        { id: "o3", item: "W", quantity: 10, due: "2026-03-03T14:00" },
        { id: "o4", item: "W", quantity: 10, due: "2026-03-04T12:00" },
        { id: "o5", item: "W", quantity: 10, due: "2026-03-05T12:00" },
        { id: "o6", item: "W", quantity: 10, due: "2026-03-06T12:00" },
      ],
      {
        bufferMinutes: 120,
        progress: [
          { order: "o5", operation: "cut", status: "done", resource: "CUT", start: "2026-03-02T08:00" },
          { order: "o5", operation: "press", status: "running", resource: "PRESS", start: "2026-03-02T09:00", remainingMinutes: 0 },
          { order: "o6", operation: "cut", status: "done", resource: "CUT", start: "2026-03-02T08:20" },
        ],
      },
    );
    const result = dbr(request, "2026-03-02T09:30", "2026-03-02T09:30");
    // Each order presses 30 minutes; the drum is free at now (o5's press is finishing).
    expect(result.drum.map((d) => [d.order, d.start, d.end])).toEqual([
      ["o5", "2026-03-02T09:00", "2026-03-02T09:30"],
      ["o1", "2026-03-02T09:30", "2026-03-02T10:00"],
      ["o2", "2026-03-02T10:00", "2026-03-02T10:30"],
      ["o3", "2026-03-02T10:30", "2026-03-02T11:00"],
      ["o4", "2026-03-02T11:00", "2026-03-02T11:30"],
      ["o6", "2026-03-02T11:30", "2026-03-02T12:00"],
    ]);
    checkDrum(result, () => 30, new Set(["o5"]));
    // Release = drum start − 120 working minutes; consumed = working minutes release → 09:30 over 120.
    expect(result.releases.map((r) => [r.order, r.release])).toEqual([
      ["o1", "2026-02-27T15:30"],
      ["o2", "2026-03-02T08:00"],
      ["o3", "2026-03-02T08:30"],
      ["o4", "2026-03-02T09:00"],
      ["o6", "2026-03-02T09:30"],
    ]);
    expect(result.buffers).toEqual([
      { order: "o1", status: "black", consumed: 1 },
      { order: "o2", status: "red", consumed: 0.75 },
      { order: "o3", status: "yellow", consumed: 0.5 },
      { order: "o4", status: "green", consumed: 0.25 },
    ]);
  });
});

describe("buffer colours", () => {
  it("are the thirds of the buffer consumed, black from all of it", () => {
    expect([0, 0.333, 1 / 3, 0.5, 0.666, 2 / 3, 0.99, 1, 2].map(bufferColour)).toEqual([
      "green", "green", "yellow", "yellow", "yellow", "red", "red", "black", "black",
    ]);
  });

  it("count working minutes since the release, none before it", () => {
    const working = compileCalendar(Calendar.parse(DAY_CALENDAR), { from: t("2026-02-01T00:00"), to: t("2026-04-01T00:00") });
    const at = (release: string, now: string, buffer: number) => bufferStatus(t(release), t(now), buffer, working);
    expect(at("2026-03-02T08:00", "2026-03-02T08:29", 90)).toEqual({ status: "green", consumed: 29 / 90 });
    expect(at("2026-03-02T08:00", "2026-03-02T08:30", 90)).toEqual({ status: "yellow", consumed: 30 / 90 });
    expect(at("2026-03-02T08:00", "2026-03-02T09:00", 90)).toEqual({ status: "red", consumed: 60 / 90 });
    expect(at("2026-03-02T08:00", "2026-03-02T09:30", 90)).toEqual({ status: "black", consumed: 1 });
    // Friday 15:30 to Monday 08:15 is 45 working minutes, not two and a half days.
    expect(at("2026-02-27T15:30", "2026-03-02T08:15", 90)).toEqual({ status: "yellow", consumed: 0.5 });
    expect(at("2026-03-02T10:00", "2026-03-02T09:00", 90)).toEqual({ status: "green", consumed: 0 });
    expect(at("2026-03-02T10:00", "2026-03-02T10:00", 0)).toEqual({ status: "black", consumed: 1 });
  });
});

describe("drumBufferRope with the shop-floor rules of issue 16 (worked by hand)", () => {
  const withPress = (press: Record<string, unknown>, orders: NonNullable<RequestInput["orders"]>, units = 1) => {
    const request = pressShop(orders);
    request.routings[0]!.operations[1] = { ...request.routings[0]!.operations[1]!, ...press };
    request.resources[1] = { ...request.resources[1]!, units };
    return request;
  };

  it("splits a drum operation over the drum's units, each part with its setup", () => {
    // 40 units at 10 setup + 3 min: whole 130 minutes; two parts of 20 on two presses, 70 each (08:00–09:10).
    const request = withPress({ setupMinutes: 10, split: { minQuantity: 10 } }, [{ id: "o", item: "W", quantity: 40, due: "2026-03-03T16:00" }], 2);
    const result = dbr(request, "2026-03-02T08:00");
    expect(result.drum.map((d) => [d.unit, d.part, d.quantity, d.start, d.end])).toEqual([
      [0, 0, 20, "2026-03-02T08:00", "2026-03-02T09:10"],
      [1, 1, 20, "2026-03-02T08:00", "2026-03-02T09:10"],
    ]);
    // On one press the slices run on as one part with one setup.
    const single = dbr(withPress({ setupMinutes: 10, split: { minQuantity: 10 } }, [{ id: "o", item: "W", quantity: 40, due: "2026-03-03T16:00" }]), "2026-03-02T08:00");
    expect(single.drum.map((d) => [d.part, d.quantity, d.start, d.end])).toEqual([[0, 40, "2026-03-02T08:00", "2026-03-02T10:10"]]);
  });

  it("places an uninterruptible drum operation in one working stretch, and sequences by due − buffer", () => {
    // c's 2-day buffer gives it the earliest target (Tuesday 15:00), then a by due date, then b, 420 minutes unbroken.
    const request = withPress({ interruptible: false }, [
      { id: "a", item: "W", quantity: 20, due: "2026-03-03T16:00" },
      { id: "b", item: "W", quantity: 140, due: "2026-03-04T16:00" },
      { id: "c", item: "W", quantity: 20, due: "2026-03-05T16:00", dueBufferMinutes: 2 * 1440 + 60 },
    ]);
    const result = dbr(request, "2026-03-02T08:00");
    expect(result.drum.map((d) => [d.order, d.start, d.end])).toEqual([
      ["c", "2026-03-02T08:00", "2026-03-02T09:00"],
      ["a", "2026-03-02T09:00", "2026-03-02T10:00"],
      // 420 minutes unbroken do not fit between 10:00 and 16:00: Tuesday 08:00–15:00.
      ["b", "2026-03-03T08:00", "2026-03-03T15:00"],
    ]);
  });
});
