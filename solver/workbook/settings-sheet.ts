/**
 * The settings sheet: the plant's single values, one `key`, `value` row each — plan dates, buckets, the
 * bottleneck period and the capacity levers. Nested fields are dotted keys (`buckets.count`,
 * `levers.outsourceCostPerMinute.CGL` for the outsourcing cost of resource CGL). Unknown keys are warnings.
 */
import type { FieldType } from "./fields.ts";
import { convertCell, field, normalizeName } from "./fields.ts";
import type { PlantDraft, PlantInput, WorkbookSheet } from "./workbook-sheet.ts";

interface Setting {
  readonly key: string;
  readonly type: FieldType;
  readonly zh: string;
  readonly en: string;
}

const setting = (key: string, type: FieldType, zh: string, en: string): Setting => ({ key, type, zh, en });

/** Every setting the sheet knows, in the order export-model writes them. */
export const SETTINGS: readonly Setting[] = [
  setting("name", "text", "名称", "Name of the plant file"),
  setting("description", "text", "说明", "Description"),
  setting("planStart", "datetime", "计划开始", "Scheduling, capacity: nothing new starts earlier"),
  setting("now", "datetime", "当前时间", "Rush insertion, order review, drum-buffer-rope: the current time"),
  setting("frozenUntil", "datetime", "冻结至", "Rush insertion, order review: the plan before it does not move"),
  setting("horizonEnd", "datetime", "评审期限", "Order review: no promise later than this"),
  setting("buckets.start", "date", "时段开始", "Capacity, MRP: start date of bucket 0"),
  setting("buckets.size", "text", "时段长度", "day or week"),
  setting("buckets.count", "integer", "时段数", "Number of buckets"),
  setting("buckets.calendar", "text", "时段日历", "MRP: a calendar id; its working days are the buckets' (daily) and the follow-up list's"),
  setting("loading", "text", "负荷方向", "Capacity: backward (default) or forward"),
  setting("period.start", "datetime", "期间开始", "Bottleneck analysis: the period's start"),
  setting("period.end", "datetime", "期间结束", "Bottleneck analysis: the period's end (exclusive)"),
  setting("operatingExpense", "number", "运营费用", "Bottleneck analysis: operating expense of the period"),
  setting("bufferMinutes", "number", "缓冲时间(分)", "Drum-buffer-rope: the constraint buffer, working minutes"),
  setting("levers.overtime", "boolean", "允许加班", "Capacity countermeasures: allow overtime"),
  setting("levers.alternates", "boolean", "允许替代资源", "Allow alternate resources"),
  setting("levers.alternateCostPerMinute", "number", "替代成本(元/分)", "Cost per standard minute moved to an alternate"),
  setting("levers.buildAhead", "boolean", "允许提前生产", "Allow building ahead"),
  setting("levers.holdingCostPerMinutePerBucket", "number", "提前持有成本", "Cost per standard minute built ahead, per bucket"),
  setting("levers.latenessCostPerBucket", "number", "延期成本(每期)", "Allow deferring load at this cost per bucket × priority weight"),
  setting("levers.maxDeferBuckets", "integer", "最多延期期数", "Most buckets load may be deferred"),
];
const OUTSOURCE = "levers.outsourceCostPerMinute.";
const BY_NAME = new Map(SETTINGS.flatMap((s) => [[normalizeName(s.key), s] as const, [normalizeName(s.zh), s] as const]));

function getPath(object: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((at, key) => (at !== null && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), object);
}

function setPath(object: PlantDraft, path: readonly string[], value: unknown): void {
  let at = object;
  path.slice(0, -1).forEach((key) => (at = (at[key] ??= {}) as PlantDraft));
  at[path[path.length - 1]!] = value;
}

export const settingsSheet: WorkbookSheet = {
  spec: {
    name: "settings",
    zh: ["设置", "参数"],
    en: "Single values: plan dates, buckets, period, levers (key = the dotted field name, see the rows of the template)",
    zhDescription: "单项参数:计划日期、时段、期间、产能对策(key 为字段名,见模板各行)",
    fields: [
      field("key", "text", ["参数", "项目"], "The setting's name (as listed in the template)", "参数名(见模板)", true),
      field("value", "text", ["值", "数值"], "Its value", "参数值"),
      field("note", "text", ["备注"], "A note for people (ignored)", "备注(不读入)"),
    ],
  },
  rows(plant: PlantInput) {
    const known = SETTINGS.map((s) => ({ key: s.key, value: getPath(plant, s.key.split(".")), note: `${s.zh}: ${s.en}` }));
    const outsourced = Object.entries(plant.levers?.outsourceCostPerMinute ?? {}).map(([resource, cost]) => ({
      key: `${OUTSOURCE}${resource}`,
      value: cost,
      note: `外协成本(元/分): outsourcing cost per standard minute on ${resource}`,
    }));
    return [...known, ...outsourced].map((row) => (row.value === undefined ? { key: row.key, note: row.note } : row));
  },
  read(rows, plant, { cells, report }) {
    for (const row of rows) {
      const name = row.values.key;
      if (name === undefined) continue;
      const known = BY_NAME.get(normalizeName(String(name)));
      const outsourced = String(name).startsWith(OUTSOURCE) ? String(name).slice(OUTSOURCE.length) : undefined;
      if (!known && !outsourced) {
        report.warnings.push({ path: row.cellOf("key")!, message: `unknown setting "${String(name)}" (ignored)` });
        continue;
      }
      const path = known ? known.key.split(".") : ["levers", "outsourceCostPerMinute", outsourced!];
      const at = row.cellOf("value") ?? row.cell;
      cells.set(path, at);
      // A problem with the object as a whole (buckets without a size) points at its first row.
      for (let depth = 1; depth < path.length; depth++) cells.setIfAbsent(path.slice(0, depth), row.cell);
      const converted = convertCell(row.values.value as string | undefined, known?.type ?? "number");
      if (converted === null) continue;
      if ("error" in converted) report.problem(at, converted.error);
      else setPath(plant, path, converted.value);
    }
  },
};
