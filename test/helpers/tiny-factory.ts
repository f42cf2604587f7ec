import type { z } from "zod";
import type { FactoryModel } from "../../src/factory.ts";

/** A small, valid factory model in request form (defaults omitted), to be broken on purpose by tests. */
export function tinyFactory(): { [K in keyof z.input<typeof FactoryModel>]-?: NonNullable<z.input<typeof FactoryModel>[K]> } {
  return {
    items: [],
    bom: [],
    receipts: [],
    reservations: [],
    pools: [],
    calendars: [
      {
        id: "day",
        shifts: {
          mon: [{ start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] }],
          tue: [{ start: "06:00", end: "14:00" }],
          wed: [{ start: "22:00", end: "06:00", breaks: [{ start: "02:00", end: "02:30" }] }],
        },
        exceptions: [{ date: "2026-03-03", shifts: [] }],
      },
    ],
    resources: [
      { id: "press", calendar: "day" },
      { id: "lathe", calendar: "day", units: 2, efficiency: 0.9 },
    ],
    routings: [
      {
        item: "shaft",
        operations: [
          { id: "cut", resources: ["press"], runMinutesPerUnit: 2 },
          { id: "turn", resources: ["lathe", "press"], setupMinutes: 15, runMinutesPerUnit: 5 },
        ],
      },
    ],
    orders: [{ id: "o1", item: "shaft", quantity: 10, due: "2026-03-06T14:00" }],
  };
}
