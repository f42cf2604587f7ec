/**
 * Hand-worked examples for the calendar engine, one feature per test. The week used throughout is
 * Monday 2026-03-02 … Sunday 2026-03-08.
 */
import { describe, expect, it } from "vitest";
import { Calendar } from "../../../src/calendar.ts";
import { parseDateTime } from "../../../src/time.ts";
import type { Minute } from "../../../src/time.ts";
import { compileCalendar, compileCalendars } from "../../../solver/calendar/compile-calendar.ts";
import type { Window } from "../../../solver/calendar/working-time.ts";

function at(text: string): Minute {
  const t = parseDateTime(text);
  if (t === null) throw new Error(`bad date-time in test: ${text}`);
  return t;
}

function windowsOf(...pairs: Array<[string, string]>): Window[] {
  return pairs.map(([start, end]) => ({ start: at(start), end: at(end) }));
}

/** Parses through the schema so defaults (missing weekdays, breaks, exceptions) are filled in. */
function calendar(input: unknown): Calendar {
  return Calendar.parse({ id: "c", ...(input as object) });
}

const weekdays = (shifts: unknown) => ({ mon: shifts, tue: shifts, wed: shifts, thu: shifts, fri: shifts });
const WEEK = { from: at("2026-03-02T00:00"), to: at("2026-03-09T00:00") };

describe("plain day shift 06:00-14:00 Mon-Fri", () => {
  const wt = compileCalendar(calendar({ shifts: weekdays([{ start: "06:00", end: "14:00" }]) }), WEEK);

  it("has one window per weekday and 5 x 480 working minutes", () => {
    expect(wt.windows(WEEK.from, at("2026-03-04T00:00"))).toEqual(windowsOf(["2026-03-02T06:00", "2026-03-02T14:00"], ["2026-03-03T06:00", "2026-03-03T14:00"]));
    expect(wt.windows(WEEK.from, WEEK.to)).toHaveLength(5);
    expect(wt.workingMinutesBetween(WEEK.from, WEEK.to)).toBe(2400);
    expect(wt.workingMinutesBetween(at("2026-03-02T13:00"), at("2026-03-03T07:00"))).toBe(120);
  });

  it("adds work forward, pausing overnight", () => {
    expect(wt.addWorkingMinutes(at("2026-03-02T05:00"), 60)).toBe(at("2026-03-02T07:00"));
    expect(wt.addWorkingMinutes(at("2026-03-02T13:00"), 120)).toBe(at("2026-03-03T07:00"));
    expect(wt.addWorkingMinutes(at("2026-03-06T13:00"), 60 + 48 * 60)).toBeNull();
  });

  it("subtracts work backward to the latest working start", () => {
    expect(wt.subtractWorkingMinutes(at("2026-03-03T07:00"), 120)).toBe(at("2026-03-02T13:00"));
    expect(wt.subtractWorkingMinutes(at("2026-03-03T06:00"), 60)).toBe(at("2026-03-02T13:00"));
    expect(wt.subtractWorkingMinutes(at("2026-03-02T14:00"), 480)).toBe(at("2026-03-02T06:00"));
    // Saturday evening back to Friday: the weekend holds no work.
    expect(wt.subtractWorkingMinutes(at("2026-03-07T20:00"), 30)).toBe(at("2026-03-06T13:30"));
  });
});

describe("breaks", () => {
  const shift = { start: "06:00", end: "14:00", breaks: [{ start: "09:00", end: "09:15" }, { start: "12:00", end: "12:30" }] };
  const wt = compileCalendar(calendar({ shifts: weekdays([shift]) }), WEEK);

  it("split the shift into windows", () => {
    expect(wt.windows(WEEK.from, at("2026-03-03T00:00"))).toEqual(
      windowsOf(["2026-03-02T06:00", "2026-03-02T09:00"], ["2026-03-02T09:15", "2026-03-02T12:00"], ["2026-03-02T12:30", "2026-03-02T14:00"]),
    );
    expect(wt.workingMinutesBetween(WEEK.from, WEEK.to)).toBe(5 * (480 - 45));
    expect(wt.workingMinutesBetween(at("2026-03-02T08:00"), at("2026-03-02T13:00"))).toBe(60 + 165 + 30);
  });

  it("pause work in progress", () => {
    expect(wt.addWorkingMinutes(at("2026-03-02T08:30"), 60)).toBe(at("2026-03-02T09:45"));
    expect(wt.addWorkingMinutes(at("2026-03-02T08:00"), 60)).toBe(at("2026-03-02T09:00"));
    expect(wt.addWorkingMinutes(at("2026-03-02T09:05"), 10)).toBe(at("2026-03-02T09:25"));
    expect(wt.subtractWorkingMinutes(at("2026-03-02T09:45"), 60)).toBe(at("2026-03-02T08:30"));
    expect(wt.subtractWorkingMinutes(at("2026-03-02T09:15"), 60)).toBe(at("2026-03-02T08:00"));
  });

  it("are not working instants", () => {
    expect(wt.nextWorkingInstant(at("2026-03-02T09:00"))).toBe(at("2026-03-02T09:15"));
    expect(wt.nextWorkingInstant(at("2026-03-02T12:10"))).toBe(at("2026-03-02T12:30"));
  });
});

describe("night shift 22:00-06:00 crossing midnight", () => {
  it("keeps a break after midnight on the next calendar day", () => {
    const cal = calendar({ shifts: weekdays([{ start: "22:00", end: "06:00", breaks: [{ start: "02:00", end: "02:30" }] }]) });
    const wt = compileCalendar(cal, WEEK);
    expect(wt.windows(WEEK.from, at("2026-03-03T12:00"))).toEqual(windowsOf(["2026-03-02T22:00", "2026-03-03T02:00"], ["2026-03-03T02:30", "2026-03-03T06:00"]));
    // Friday's shift runs into Saturday morning.
    expect(wt.windows(at("2026-03-06T12:00"), WEEK.to)).toEqual(windowsOf(["2026-03-06T22:00", "2026-03-07T02:00"], ["2026-03-07T02:30", "2026-03-07T06:00"]));
    expect(wt.workingMinutesBetween(WEEK.from, WEEK.to)).toBe(5 * 450);
    expect(wt.addWorkingMinutes(at("2026-03-02T23:00"), 240)).toBe(at("2026-03-03T03:30"));
    expect(wt.subtractWorkingMinutes(at("2026-03-03T03:30"), 240)).toBe(at("2026-03-02T23:00"));
  });

  it("keeps a break spanning midnight", () => {
    const cal = calendar({ shifts: { mon: [{ start: "22:00", end: "06:00", breaks: [{ start: "23:30", end: "00:30" }] }] } });
    expect(compileCalendar(cal, WEEK).windows(WEEK.from, WEEK.to)).toEqual(windowsOf(["2026-03-02T22:00", "2026-03-02T23:30"], ["2026-03-03T00:30", "2026-03-03T06:00"]));
  });

  it("covers the part of the previous evening's shift inside a horizon starting at midnight", () => {
    const cal = calendar({ shifts: weekdays([{ start: "22:00", end: "06:00", breaks: [{ start: "02:00", end: "02:30" }] }]) });
    const wt = compileCalendar(cal, { from: at("2026-03-03T00:00"), to: at("2026-03-04T00:00") });
    expect(wt.windows(wt.from, wt.to)).toEqual(
      windowsOf(["2026-03-03T00:00", "2026-03-03T02:00"], ["2026-03-03T02:30", "2026-03-03T06:00"], ["2026-03-03T22:00", "2026-03-04T00:00"]),
    );
  });
});

describe("exceptions", () => {
  it("a holiday removes that day's shift", () => {
    const cal = calendar({ shifts: weekdays([{ start: "06:00", end: "14:00" }]), exceptions: [{ date: "2026-03-04", shifts: [] }] });
    const wt = compileCalendar(cal, WEEK);
    expect(wt.workingMinutesBetween(WEEK.from, WEEK.to)).toBe(4 * 480);
    expect(wt.windows(at("2026-03-04T00:00"), at("2026-03-05T00:00"))).toEqual([]);
    expect(wt.addWorkingMinutes(at("2026-03-03T13:00"), 120)).toBe(at("2026-03-05T07:00"));
  });

  it("an overtime Saturday adds a shift", () => {
    const cal = calendar({ shifts: weekdays([{ start: "06:00", end: "14:00" }]), exceptions: [{ date: "2026-03-07", shifts: [{ start: "06:00", end: "12:00" }] }] });
    const wt = compileCalendar(cal, WEEK);
    expect(wt.workingMinutesBetween(WEEK.from, WEEK.to)).toBe(5 * 480 + 360);
    expect(wt.addWorkingMinutes(at("2026-03-06T13:00"), 120)).toBe(at("2026-03-07T07:00"));
  });

  it("an overtime weekday replaces the normal shift with longer ones", () => {
    const cal = calendar({
      shifts: weekdays([{ start: "06:00", end: "14:00" }]),
      exceptions: [{ date: "2026-03-03", shifts: [{ start: "06:00", end: "14:00" }, { start: "14:00", end: "18:00" }] }],
    });
    expect(compileCalendar(cal, WEEK).windows(at("2026-03-03T00:00"), at("2026-03-04T00:00"))).toEqual(windowsOf(["2026-03-03T06:00", "2026-03-03T18:00"]));
  });

  it("a holiday after a night shift keeps the shift that started the evening before", () => {
    const cal = calendar({ shifts: weekdays([{ start: "22:00", end: "06:00" }]), exceptions: [{ date: "2026-03-03", shifts: [] }] });
    const wt = compileCalendar(cal, WEEK);
    expect(wt.windows(WEEK.from, at("2026-03-04T00:00"))).toEqual(windowsOf(["2026-03-02T22:00", "2026-03-03T06:00"]));
    expect(wt.addWorkingMinutes(at("2026-03-03T05:00"), 120)).toBe(at("2026-03-04T23:00"));
  });
});

describe("merging", () => {
  it("joins adjacent shifts into one window", () => {
    const cal = calendar({ shifts: { mon: [{ start: "06:00", end: "14:00" }, { start: "14:00", end: "22:00" }] } });
    expect(compileCalendar(cal, WEEK).windows(WEEK.from, WEEK.to)).toEqual(windowsOf(["2026-03-02T06:00", "2026-03-02T22:00"]));
  });

  it("joins a night shift with the next morning's shift", () => {
    const cal = calendar({ shifts: { mon: [{ start: "22:00", end: "06:00" }], tue: [{ start: "06:00", end: "14:00" }] } });
    expect(compileCalendar(cal, WEEK).windows(WEEK.from, WEEK.to)).toEqual(windowsOf(["2026-03-02T22:00", "2026-03-03T14:00"]));
  });

  it("takes the union of overlapping shifts, a break of one covered by the other", () => {
    const cal = calendar({ shifts: { mon: [{ start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "11:00" }] }, { start: "09:00", end: "12:00" }] } });
    const wt = compileCalendar(cal, WEEK);
    expect(wt.windows(WEEK.from, WEEK.to)).toEqual(windowsOf(["2026-03-02T06:00", "2026-03-02T14:00"]));
    expect(wt.workingMinutesBetween(WEEK.from, WEEK.to)).toBe(480);
  });
});

describe("day boundaries", () => {
  it("start == end is a 24-hour shift; 24:00 is midnight", () => {
    const cal = calendar({ shifts: { sat: [{ start: "06:00", end: "06:00" }], mon: [{ start: "14:00", end: "24:00" }] } });
    expect(compileCalendar(cal, WEEK).windows(WEEK.from, WEEK.to)).toEqual(
      windowsOf(["2026-03-02T14:00", "2026-03-03T00:00"], ["2026-03-07T06:00", "2026-03-08T06:00"]),
    );
  });
});

describe("fractional minutes", () => {
  const shift = { start: "06:00", end: "14:00", breaks: [{ start: "09:00", end: "09:15" }] };
  const wt = compileCalendar(calendar({ shifts: weekdays([shift]) }), WEEK);

  it("adds and subtracts 12.5 minutes across a break", () => {
    expect(wt.addWorkingMinutes(at("2026-03-02T08:50"), 12.5)).toBe(at("2026-03-02T09:17") + 0.5);
    expect(wt.subtractWorkingMinutes(at("2026-03-02T09:17") + 0.5, 12.5)).toBe(at("2026-03-02T08:50"));
    expect(wt.workingMinutesBetween(at("2026-03-02T08:59") + 0.5, at("2026-03-02T09:15") + 0.5)).toBe(1);
  });

  it("finishes at a window end or carries the remainder into the next window", () => {
    expect(wt.addWorkingMinutes(at("2026-03-02T13:59") + 0.75, 0.25)).toBe(at("2026-03-02T14:00"));
    expect(wt.addWorkingMinutes(at("2026-03-02T13:59") + 0.75, 0.5)).toBe(at("2026-03-03T06:00") + 0.25);
  });
});

describe("queries at window edges", () => {
  const wt = compileCalendar(calendar({ shifts: weekdays([{ start: "06:00", end: "14:00" }]) }), WEEK);
  const monStart = at("2026-03-02T06:00");
  const monEnd = at("2026-03-02T14:00");
  const tueStart = at("2026-03-03T06:00");

  it("a window start is working, a window end is not", () => {
    expect(wt.nextWorkingInstant(monStart)).toBe(monStart);
    expect(wt.nextWorkingInstant(monEnd)).toBe(tueStart);
  });

  it("work filling a window ends at its end, never at the next start", () => {
    expect(wt.addWorkingMinutes(monStart, 480)).toBe(monEnd);
    expect(wt.addWorkingMinutes(monStart, 481)).toBe(tueStart + 1);
    expect(wt.addWorkingMinutes(monEnd, 0)).toBe(tueStart);
  });

  it("a backward start is never a window end", () => {
    expect(wt.subtractWorkingMinutes(tueStart + 1, 1)).toBe(tueStart);
    expect(wt.subtractWorkingMinutes(tueStart + 1, 2)).toBe(monEnd - 1);
    expect(wt.subtractWorkingMinutes(tueStart, 0)).toBe(tueStart);
  });

  it("clips windows to the query and counts nothing in an empty or reversed interval", () => {
    expect(wt.windows(at("2026-03-02T10:00"), at("2026-03-03T07:00"))).toEqual(windowsOf(["2026-03-02T10:00", "2026-03-02T14:00"], ["2026-03-03T06:00", "2026-03-03T07:00"]));
    expect(wt.windows(monEnd, monStart)).toEqual([]);
    expect(wt.workingMinutesBetween(monEnd, monStart)).toBe(0);
    expect(wt.workingMinutesBetween(monEnd, tueStart)).toBe(0);
  });
});

describe("horizon limits", () => {
  const horizon = { from: at("2026-03-02T10:00"), to: at("2026-03-04T10:00") };
  const wt = compileCalendar(calendar({ shifts: weekdays([{ start: "06:00", end: "14:00" }]) }), horizon);

  it("clips the windows to the horizon", () => {
    expect(wt.windows(WEEK.from, WEEK.to)).toEqual(
      windowsOf(["2026-03-02T10:00", "2026-03-02T14:00"], ["2026-03-03T06:00", "2026-03-03T14:00"], ["2026-03-04T06:00", "2026-03-04T10:00"]),
    );
    expect(wt.workingMinutesBetween(WEEK.from, WEEK.to)).toBe(240 + 480 + 240);
  });

  it("answers null when the work does not fit before the end", () => {
    expect(wt.addWorkingMinutes(horizon.from, 960)).toBe(horizon.to);
    expect(wt.addWorkingMinutes(horizon.from, 960.5)).toBeNull();
    expect(wt.nextWorkingInstant(horizon.to)).toBeNull();
    expect(wt.addWorkingMinutes(horizon.to, 0)).toBeNull();
  });

  it("answers null before the start, where the calendar is unknown", () => {
    expect(wt.nextWorkingInstant(horizon.from - 1)).toBeNull();
    expect(wt.addWorkingMinutes(horizon.from - 1, 10)).toBeNull();
    expect(wt.subtractWorkingMinutes(horizon.to, 960)).toBe(horizon.from);
    expect(wt.subtractWorkingMinutes(horizon.to, 961)).toBeNull();
    expect(wt.subtractWorkingMinutes(horizon.to + 1, 1)).toBeNull();
  });
});

describe("a calendar without shifts", () => {
  const wt = compileCalendar(calendar({ shifts: {} }), WEEK);

  it("has no working time at all", () => {
    expect(wt.windows(WEEK.from, WEEK.to)).toEqual([]);
    expect(wt.workingMinutesBetween(WEEK.from, WEEK.to)).toBe(0);
    expect(wt.nextWorkingInstant(WEEK.from)).toBeNull();
    expect(wt.addWorkingMinutes(WEEK.from, 0)).toBeNull();
    expect(wt.addWorkingMinutes(WEEK.from, 5)).toBeNull();
    expect(wt.subtractWorkingMinutes(WEEK.to, 0)).toBe(WEEK.to);
    expect(wt.subtractWorkingMinutes(WEEK.to, 5)).toBeNull();
  });
});

describe("a year of two shifts Mon-Fri with breaks and two holidays", () => {
  const cal = calendar({
    shifts: weekdays([
      { start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] },
      { start: "14:00", end: "22:00", breaks: [{ start: "18:00", end: "18:30" }] },
    ]),
    exceptions: [
      { date: "2026-01-01", shifts: [] },
      { date: "2026-12-25", shifts: [] },
    ],
  });
  const year = { from: at("2026-01-01T00:00"), to: at("2027-01-01T00:00") };
  const wt = compileCalendar(cal, year);

  // Independent count: walk the 365 dates with JavaScript's own weekday.
  let workingDays = 0;
  for (let day = new Date(Date.UTC(2026, 0, 1)); day.getUTCFullYear() === 2026; day = new Date(day.getTime() + 86_400_000)) {
    const iso = day.toISOString().slice(0, 10);
    if (day.getUTCDay() >= 1 && day.getUTCDay() <= 5 && iso !== "2026-01-01" && iso !== "2026-12-25") workingDays++;
  }

  it("counts every working minute of the year", () => {
    expect(workingDays).toBe(259); // 261 weekdays in 2026, two of them holidays
    expect(wt.workingMinutesBetween(year.from, year.to)).toBe(workingDays * 2 * (480 - 30));
    // 06:00-10:00, 10:30-18:00 (the shifts touch at 14:00), 18:30-22:00
    expect(wt.windows(year.from, year.to)).toHaveLength(workingDays * 3);
  });

  it("adds the whole year's work from new year and ends on the last working evening", () => {
    const total = workingDays * 900;
    expect(wt.addWorkingMinutes(year.from, total)).toBe(at("2026-12-31T22:00"));
    expect(wt.addWorkingMinutes(year.from, total + 1)).toBeNull();
    expect(wt.subtractWorkingMinutes(year.to, total)).toBe(at("2026-01-02T06:00"));
  });
});

describe("contracts", () => {
  const cal = calendar({ shifts: weekdays([{ start: "06:00", end: "14:00" }]) });

  it("rejects negative work and a reversed horizon", () => {
    const wt = compileCalendar(cal, WEEK);
    expect(() => wt.addWorkingMinutes(WEEK.from, -1)).toThrow(RangeError);
    expect(() => wt.subtractWorkingMinutes(WEEK.to, Number.NaN)).toThrow(RangeError);
    expect(() => compileCalendar(cal, { from: WEEK.to, to: WEEK.from })).toThrow(RangeError);
  });

  it("never mutates the calendar", () => {
    const frozen = deepFreeze(calendar({ shifts: weekdays([{ start: "06:00", end: "14:00", breaks: [{ start: "12:00", end: "12:30" }, { start: "09:00", end: "09:15" }] }]) }));
    expect(compileCalendar(frozen, WEEK).workingMinutesBetween(WEEK.from, WEEK.to)).toBe(5 * 435);
  });

  it("compiles several calendars keyed by id", () => {
    const compiled = compileCalendars([cal, calendar({ id: "empty", shifts: {} })], WEEK);
    expect([...compiled.keys()]).toEqual(["c", "empty"]);
    expect(compiled.get("c")?.workingMinutesBetween(WEEK.from, WEEK.to)).toBe(2400);
    expect(compiled.get("empty")?.workingMinutesBetween(WEEK.from, WEEK.to)).toBe(0);
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
