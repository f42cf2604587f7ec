/**
 * The time-phased records of an MRP answer in the textbook's layout (Orlicky; Jacobs & Chase): per item six
 * rows — gross requirements, scheduled receipts, projected on hand, net requirements, planned order receipts
 * and releases, named by their JSON keys — and one column per bucket, headed by the bucket's start date
 * (by its index when the dates are not known).
 */
import type { Table } from "./table.ts";
import type { Cell, Column } from "./table.ts";
import type { MrpAnswerRows, MrpRecordRows } from "./mrp-answer.ts";

export const RECORD_ROWS = ["gross", "scheduledReceipts", "projectedOnHand", "net", "plannedReceipts", "plannedReleases"] as const;

/** Bucket columns: the given dates, or indexes 0 … count − 1. */
function bucketColumns(dates: readonly string[] | undefined, count: number): Column[] {
  return Array.from({ length: dates?.length ?? count }, (_, t) => ({ name: dates?.[t] ?? String(t), type: "number" as const }));
}

export function mrpRecordsTable(answer: Pick<MrpAnswerRows, "records" | "bucketDates">): Table {
  // Without dates the first record tells how many buckets there are; with them no record is read twice.
  let count = 0;
  if (!answer.bucketDates) {
    for (const [, record] of answer.records) {
      count = record.gross.length;
      break;
    }
  }
  const columns: Column[] = [{ name: "item", type: "text" }, { name: "lowLevelCode", type: "number" }, { name: "row", type: "text" }, ...bucketColumns(answer.bucketDates, count)];
  return {
    name: "records",
    columns,
    rows: {
      *[Symbol.iterator]() {
        // One row array, refilled: 600,000 rows of a 100k-item plan would otherwise be as many arrays.
        const row: Cell[] = new Array<Cell>(columns.length).fill(null);
        for (const [item, record] of answer.records) {
          for (const key of RECORD_ROWS) {
            const series = (record as MrpRecordRows)[key];
            row[0] = item;
            row[1] = record.lowLevelCode;
            row[2] = key;
            for (let t = 0; t < series.length; t++) row[3 + t] = series[t]!;
            yield row;
          }
        }
      },
    },
  };
}
