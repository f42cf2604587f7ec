/**
 * Calendar engine speed (issue 2: a year of two-shift windows queried 100,000 times in well under a
 * second). Two tasks: compiling the year, and 100,000 mixed queries at pseudo-random instants.
 */
import type { Bench } from "tinybench";
import { Calendar } from "../src/calendar.ts";
import { parseDateTime } from "../src/time.ts";
import { compileCalendar } from "../solver/calendar/compile-calendar.ts";
import { createRandom } from "../solver/random.ts";

const QUERIES = 100_000;

const twoShifts = [
  { start: "06:00", end: "14:00", breaks: [{ start: "09:00", end: "09:15" }, { start: "12:00", end: "12:30" }] },
  { start: "14:00", end: "22:00", breaks: [{ start: "17:00", end: "17:15" }, { start: "20:00", end: "20:30" }] },
];
const calendar = Calendar.parse({
  id: "two-shift",
  shifts: { mon: twoShifts, tue: twoShifts, wed: twoShifts, thu: twoShifts, fri: twoShifts },
  exceptions: [
    { date: "2026-05-01", shifts: [] },
    { date: "2026-12-24", shifts: [] },
    { date: "2026-06-06", shifts: [twoShifts[0]] },
  ],
});
const horizon = { from: parseDateTime("2026-01-01T00:00")!, to: parseDateTime("2027-01-01T00:00")! };


export function register(bench: Bench): void {
  const random = createRandom(42).next;
  const span = horizon.to - horizon.from;
  const instants = Float64Array.from({ length: QUERIES }, () => horizon.from + Math.floor(random() * span));
  // Operation lengths from minutes to about a working week, with fractions (run time x quantity).
  const durations = Float64Array.from({ length: QUERIES }, () => Math.round(random() * 4000 * 4) / 4);
  const workingTime = compileCalendar(calendar, horizon);

  bench.add("compile a year, two shifts with breaks", () => {
    compileCalendar(calendar, horizon);
  });

  bench.add(`${QUERIES.toLocaleString("en")} mixed queries (add / between / subtract)`, () => {
    let checksum = 0;
    for (let i = 0; i < QUERIES; i++) {
      const t = instants[i]!;
      const minutes = durations[i]!;
      switch (i % 3) {
        case 0:
          checksum += workingTime.addWorkingMinutes(t, minutes) ?? 0;
          break;
        case 1:
          checksum += workingTime.workingMinutesBetween(t, t + minutes * 3);
          break;
        default:
          checksum += workingTime.subtractWorkingMinutes(t, minutes) ?? 0;
      }
    }
    // Using the result keeps the engine from optimising the queries away.
    if (Number.isNaN(checksum)) throw new Error("calendar queries produced NaN");
  });
}
