/**
 * The resources sheet (one row per machine, line or crew; overtime as two columns) and the changeovers sheet
 * (the resources' setup matrices: one row per family pair, `*` → `*` the default for pairs not listed).
 */
import { field } from "./fields.ts";
import type { WorkbookSheet } from "./workbook-sheet.ts";
import { pick, rowObject } from "./workbook-sheet.ts";

const KEYS = ["id", "name", "calendar", "efficiency", "units"];

export const resourcesSheet: WorkbookSheet = {
  spec: {
    name: "resources",
    zh: ["资源", "设备", "工作中心"],
    en: "Resources: machines, lines, crews",
    zhDescription: "资源:设备、产线、班组",
    fields: [
      field("id", "text", ["资源", "资源编号", "设备", "设备编号"], "Resource id, unique", "资源编号,唯一", true),
      field("name", "text", ["名称", "资源名称", "设备名称"], "Name", "名称"),
      field("calendar", "text", ["日历", "班次日历"], "Id of its calendar (calendars sheet)", "所用日历(calendars 表)", true),
      field("efficiency", "number", ["效率"], "Output per standard minute; default 1", "效率,默认 1"),
      field("units", "integer", ["台数", "数量"], "Identical parallel units; default 1", "并行台数,默认 1"),
      field("overtimeMaxMinutesPerBucket", "number", ["加班上限(分)", "每期加班上限"], "Capacity: most overtime minutes per bucket", "产能评估:每期最多加班分钟"),
      field("overtimeCostPerMinute", "number", ["加班成本(元/分)", "加班费率"], "Capacity: overtime cost per minute", "产能评估:每分钟加班成本"),
    ],
  },
  rows: (plant) =>
    (plant.resources ?? []).map((r) => ({
      ...pick(r, KEYS),
      overtimeMaxMinutesPerBucket: r.overtime?.maxMinutesPerBucket,
      overtimeCostPerMinute: r.overtime?.costPerMinute,
    })),
  read(rows, plant, { cells }) {
    if (rows.length === 0) return;
    plant.resources = rows.map((row, i) => {
      const resource = rowObject(row, KEYS, ["resources", i], cells);
      const { overtimeMaxMinutesPerBucket: maxMinutesPerBucket, overtimeCostPerMinute: costPerMinute } = row.values;
      for (const [key, column] of [["maxMinutesPerBucket", "overtimeMaxMinutesPerBucket"], ["costPerMinute", "overtimeCostPerMinute"]] as const) {
        const at = row.cellOf(column);
        if (at !== undefined) cells.set(["resources", i, "overtime", key], at);
      }
      if (maxMinutesPerBucket !== undefined || costPerMinute !== undefined) resource.overtime = { maxMinutesPerBucket, costPerMinute };
      return resource;
    });
  },
};

const ANY = "*";

export const changeoversSheet: WorkbookSheet = {
  spec: {
    name: "changeovers",
    zh: ["换型", "换型时间", "切换"],
    en: "Sequence-dependent changeovers between operation families; from * to * sets a resource's default",
    zhDescription: "工序族之间的换型时间;from 与 to 均为 * 时为该资源的默认换型时间",
    fields: [
      field("resource", "text", ["资源", "设备"], "Resource id", "资源编号", true),
      field("from", "text", ["从", "前族"], "Family of the previous operation, or *", "前一工序族,或 *", true),
      field("to", "text", ["到", "后族"], "Family of the next operation, or *", "后一工序族,或 *", true),
      field("minutes", "number", ["分钟", "换型时间(分)"], "Changeover minutes", "换型分钟", true),
    ],
  },
  rows: (plant) =>
    (plant.resources ?? []).flatMap((r) => {
      const matrix = r.setupMatrix;
      if (!matrix) return [];
      const pairs = (matrix.changeovers ?? []).map((c) => ({ resource: r.id, from: c.from, to: c.to, minutes: c.minutes }));
      return matrix.default === undefined && pairs.length > 0 ? pairs : [{ resource: r.id, from: ANY, to: ANY, minutes: matrix.default ?? 0 }, ...pairs];
    }),
  read(rows, plant, { cells, report }) {
    const resources = (plant.resources ?? []) as Array<Record<string, unknown>>;
    const index = new Map(resources.map((r, i) => [r.id, i]));
    for (const row of rows) {
      const { resource, from, to, minutes } = row.values;
      const i = index.get(resource);
      const empty = (["resource", "from", "to", "minutes"] as const).filter((key) => row.values[key] === undefined);
      if (empty.length > 0) {
        // A cell that failed to convert, or a missing column, is reported already.
        for (const key of empty) if (!report.failedCells.has(row.cellOf(key) ?? "")) report.problem(row.cellOf(key) ?? row.cell, `${key} is empty`);
        continue;
      }
      if (i === undefined) {
        report.problem(row.cellOf("resource")!, `unknown resource "${String(resource)}" (not in the resources sheet)`);
        continue;
      }
      const matrix = (resources[i]!.setupMatrix ??= {}) as { default?: unknown; changeovers?: unknown[] };
      if (from === ANY && to === ANY) {
        matrix.default = minutes;
        cells.set(["resources", i, "setupMatrix", "default"], row.cellOf("minutes")!);
      } else if (from === ANY || to === ANY) {
        report.problem(row.cellOf(from === ANY ? "from" : "to")!, '"*" stands for every family only as both from and to (the default changeover)');
      } else {
        const list = (matrix.changeovers ??= []);
        const path = ["resources", i, "setupMatrix", "changeovers", list.length];
        list.push(rowObject(row, ["from", "to", "minutes"], path, cells));
      }
    }
  },
};
