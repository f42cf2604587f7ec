/**
 * What the MRP sheets read of an answer, as iterables: a /v1/mrp answer's lists, or a plan of 100,000 items
 * read row by row from its typed arrays (solver/mrp/plan-rows.ts) without ever building the answer.
 */
import type { MrpException, MrpFollowUp, MrpItemRecord, MrpPlannedOrder } from "../../src/mrp.ts";

/** A time-phased record whose series may be typed arrays. */
export type MrpRecordRows = { readonly lowLevelCode: number } & { readonly [K in Exclude<keyof MrpItemRecord, "lowLevelCode">]: ArrayLike<number> };

export interface MrpAnswerRows {
  /** Bucket start dates (from the request's buckets); without them the record columns are headed by bucket index. */
  readonly bucketDates?: readonly string[] | undefined;
  readonly records: Iterable<readonly [item: string, record: MrpRecordRows]>;
  readonly plannedOrders: Iterable<MrpPlannedOrder>;
  readonly exceptions: Iterable<MrpException>;
  /** The supplier follow-up list (issue 23; empty for an answer from before it). */
  readonly followUp: Iterable<MrpFollowUp>;
}
