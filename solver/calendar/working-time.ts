import type { Minute } from "../../src/time.ts";

/** A working window [start, end) in minutes since the epoch. */
export interface Window {
  start: Minute;
  end: Minute;
}

/**
 * A calendar compiled over a horizon into sorted, disjoint working windows (shifts minus breaks, with
 * exceptions applied), answering the time questions every planning algorithm asks. Queries that need
 * working time outside the horizon return null: the caller decides whether that means "infeasible"
 * or "compile a longer horizon".
 */
export interface WorkingTime {
  /** The horizon this was compiled for, [from, to). */
  readonly from: Minute;
  readonly to: Minute;
  /** Working windows overlapping [a, b), clipped to it. */
  windows(a: Minute, b: Minute): Window[];
  /** The end of the last working window overlapping [a, b), clipped to b (windows(a, b)'s last end without building them); null when none does. */
  lastWorkingEnd(a: Minute, b: Minute): Minute | null;
  /** Working minutes inside [a, b). */
  workingMinutesBetween(a: Minute, b: Minute): number;
  /** The earliest working instant ≥ t (t itself if it is inside a window), or null past the horizon. */
  nextWorkingInstant(t: Minute): Minute | null;
  /**
   * When `minutes` of work started at t is done: work begins at nextWorkingInstant(t) and pauses outside
   * windows. The answer is the instant the last minute ends (it may equal a window's end; it never jumps
   * to the next window's start). minutes = 0 gives nextWorkingInstant(t). Null past the horizon.
   */
  addWorkingMinutes(t: Minute, minutes: number): Minute | null;
  /**
   * Backward: the latest start s with workingMinutesBetween(s, t) = minutes and s a working instant
   * (inside a window, never at a window's end). minutes = 0 gives t. Null before the horizon.
   */
  subtractWorkingMinutes(t: Minute, minutes: number): Minute | null;
  /**
   * The earliest start s ≥ t of `minutes` of unbroken work: [s, s + minutes) inside one working window (an
   * uninterruptible operation). minutes = 0 gives nextWorkingInstant(t). Null when no window of the horizon
   * from t on is long enough.
   */
  nextUnbrokenStart(t: Minute, minutes: number): Minute | null;
  /**
   * Backward: the latest start s of `minutes` (> 0) of unbroken work ending by t: s + minutes ≤ t and
   * [s, s + minutes) inside one window. Null when no window before t is long enough, or t is past the horizon.
   */
  lastUnbrokenStart(t: Minute, minutes: number): Minute | null;
  /** Length of the longest working window of the horizon (0 when it has none). */
  longestWindow(): number;
}
