/**
 * The routings sheet: one row per operation, in routing order, the rows of an item's routing together or
 * not (they are gathered by item in the order they first appear). `resources` lists the alternatives,
 * preferred first, separated by `,` or `|`. The operation's `split` is two columns, `split.minQuantity`
 * and `split.maxParts` (issue 16).
 */
import { field } from "./fields.ts";
import type { WorkbookSheet } from "./workbook-sheet.ts";
import { pick, rowObject } from "./workbook-sheet.ts";

const OPERATION_KEYS = ["resources", "setupMinutes", "runMinutesPerUnit", "family", "minGapMinutes", "transferQuantity", "interruptible", "maxWaitMinutes"];
const SPLIT_KEYS = ["minQuantity", "maxParts"] as const;
const splitColumn = (key: string) => `split.${key}`;

export const routingsSheet: WorkbookSheet = {
  spec: {
    name: "routings",
    zh: ["工艺路线", "工艺", "工序"],
    en: "Routings: one row per operation, in routing order",
    zhDescription: "工艺路线:每道工序一行,按加工顺序",
    fields: [
      field("item", "text", ["物料", "物料编码", "产品"], "Item the routing makes", "加工的物料", true),
      field("operation", "text", ["工序", "工序号"], "Operation id, unique within the routing", "工序编号,同一路线内唯一", true),
      field("resources", "list", ["资源", "设备", "可选资源"], "Alternative resources, preferred first, separated by , or |", "可选资源,首选在前,用 , 或 | 分隔", true),
      field("setupMinutes", "number", ["准备时间(分)", "准备时间"], "Setup minutes per order; default 0", "每单准备时间(分),默认 0"),
      field("runMinutesPerUnit", "number", ["单件工时(分)", "单件工时"], "Run minutes per unit", "单件加工时间(分)", true),
      field("family", "text", ["工序族", "换型族"], "Changeover family (coating, colour, gauge)", "换型族(镀层、颜色、规格)"),
      field("minGapMinutes", "number", ["间隔时间(分)", "最小间隔(分)"], "Elapsed minutes after the previous operation ends (cooling); default 0", "与上道工序结束的最小间隔(分),默认 0"),
      field(
        "transferQuantity",
        "number",
        ["转移批量", "传送批量"],
        "Transfer batch: the next operation may start once this many units are done; empty: the whole lot moves at once",
        "转移批量:完成该数量后下道工序即可开工;空:整批转移",
      ),
      field("split.minQuantity", "number", ["最小分批量", "拆分最小批量"], "The operation may be split into parts of at least this many units (each pays its setup); empty: not split", "工序可拆分为不少于该数量的分批(每批各计准备时间);空:不拆分"),
      field("split.maxParts", "integer", ["最多分批数", "最大分批数"], "Most parts of a split operation (1 … 64)", "拆分的最多批数(1 … 64)"),
      field("interruptible", "boolean", ["可中断"], "false: runs in one unbroken stretch of working time (a furnace cycle); default true", "否:须在一段连续工作时间内完成(如炉次);默认 是"),
      field("maxWaitMinutes", "number", ["最长等待(分)", "最大等待时间(分)"], "At most this many elapsed minutes after the previous operation ends (hard)", "与上道工序结束的最长间隔(分),必须遵守"),
    ],
  },
  rows: (plant) =>
    (plant.routings ?? []).flatMap((routing) =>
      routing.operations.map((op) => ({
        item: routing.item,
        operation: op.id,
        ...pick(op, OPERATION_KEYS),
        resources: op.resources.join(", "),
        ...Object.fromEntries(Object.entries(pick(op.split ?? {}, SPLIT_KEYS)).map(([key, value]) => [splitColumn(key), value])),
      })),
    ),
  read(rows, plant, { cells }) {
    if (rows.length === 0) return;
    const routings: Array<{ item: unknown; operations: Array<Record<string, unknown>> }> = [];
    const byItem = new Map<unknown, number>();
    for (const row of rows) {
      const item = row.values.item;
      let r = byItem.get(item);
      if (r === undefined || item === undefined) {
        r = routings.length;
        byItem.set(item, r);
        routings.push({ item, operations: [] });
        cells.set(["routings", r], row.cell);
        if (row.cellOf("item") !== undefined) cells.set(["routings", r, "item"], row.cellOf("item")!);
      }
      const path = ["routings", r, "operations", routings[r]!.operations.length];
      const { operation, ...rest } = rowObject(row, ["operation", ...OPERATION_KEYS], path, cells);
      const split: Record<string, unknown> = {};
      for (const key of SPLIT_KEYS) {
        if (row.cellOf(splitColumn(key)) !== undefined) cells.set([...path, "split", key], row.cellOf(splitColumn(key))!);
        if (splitColumn(key) in row.values) split[key] = row.values[splitColumn(key)];
      }
      if (Object.keys(split).length > 0) rest.split = split;
      if (row.cellOf("operation") !== undefined) cells.set([...path, "id"], row.cellOf("operation")!);
      const resources = row.cellOf("resources");
      (rest.resources as unknown[] | undefined)?.forEach((_, k) => cells.set([...path, "resources", k], resources!));
      routings[r]!.operations.push({ id: operation, ...rest });
    }
    plant.routings = routings;
  },
};
