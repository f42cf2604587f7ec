/**
 * Buffer management (Goldratt & Fox, "The Race", 1986; Schragenheim & Dettmer, "Manufacturing at Warp
 * Speed", 2000): an order released to the floor consumes its constraint buffer as time passes without it
 * reaching the constraint. The buffer is split in thirds — green (no action), yellow (locate the order),
 * red (expedite) — and black is past: the constraint is waiting for it, or will.
 */
import type { BufferColour } from "../../src/bottleneck.ts";
import type { Minute } from "../../src/time.ts";
import type { WorkingTime } from "../calendar/working-time.ts";

/** green below 1/3 of the buffer consumed, yellow below 2/3, red below all of it, black from then on. */
export function bufferColour(consumed: number): BufferColour {
  if (consumed < 1 / 3) return "green";
  if (consumed < 2 / 3) return "yellow";
  if (consumed < 1) return "red";
  return "black";
}

/**
 * Share of the buffer consumed at `now`: working minutes from release to now over the buffer's working
 * minutes, on the calendar the buffer was measured in; 0 before the release. A zero buffer is all consumed
 * from its release on.
 */
export function bufferStatus(release: Minute, now: Minute, bufferMinutes: number, calendar: WorkingTime): { status: BufferColour; consumed: number } {
  let consumed = 0;
  if (now >= release) consumed = bufferMinutes > 0 ? calendar.workingMinutesBetween(release, now) / bufferMinutes : 1;
  return { status: bufferColour(consumed), consumed };
}
