/**
 * Sheets with one row per entry of a plant list, a column per field: bom, orders, rush orders, candidates,
 * receipts, firm planned orders, demands, progress and products.
 */
import type { SheetSpec } from "./fields.ts";
import { field } from "./fields.ts";
import type { PlantInput, WorkbookSheet } from "./workbook-sheet.ts";
import { pick, rowObject } from "./workbook-sheet.ts";

export function listSheet(spec: SheetSpec, key: keyof PlantInput & string): WorkbookSheet {
  const keys = spec.fields.map((f) => f.key);
  return {
    spec,
    rows: (plant) => ((plant[key] as object[] | undefined) ?? []).map((entry) => pick(entry, keys)),
    read(rows, plant, { cells }) {
      if (rows.length > 0) plant[key] = rows.map((row, i) => rowObject(row, keys, [key, i], cells));
    },
  };
}

export const bomSheet = listSheet(
  {
    name: "bom",
    zh: ["物料清单", "BOM表"],
    en: "Bill of materials: one line per parent and component",
    zhDescription: "物料清单:每个父件与子件一行",
    fields: [
      field("parent", "text", ["父件", "父项"], "Parent item id", "父件物料编码", true),
      field("component", "text", ["子件", "子项"], "Component item id", "子件物料编码", true),
      field("quantity", "number", ["用量", "单位用量"], "Component units per parent unit (> 0)", "每个父件所需子件数量(> 0)", true),
    ],
  },
  "bom",
);

const ORDER_FIELDS = [
  field("id", "text", ["订单号", "订单编号", "单号"], "Order id, unique", "订单号,唯一", true),
  field("item", "text", ["物料", "物料编码", "产品"], "Item made (must have a routing to be scheduled)", "生产的物料(排程时须有工艺路线)", true),
  field("quantity", "number", ["数量", "订单数量"], "Quantity in the item's unit (> 0)", "数量(> 0)", true),
  field("due", "datetime", ["交期", "交货期", "交货日期"], "Due date and time", "交货日期时间", true),
  field("priority", "integer", ["优先级"], "1 most important … 5 least; default 3", "1 最重要 … 5 最不重要;默认 3"),
  field("customer", "text", ["客户", "客户名称"], "Customer", "客户"),
  field("release", "datetime", ["下达", "投产日期", "下达时间"], "No operation starts earlier", "最早开工时间"),
  field("materialReady", "datetime", ["齐料", "齐料时间", "物料到齐"], "Material arrives then; no operation starts earlier", "物料到齐时间,之前不开工"),
  field("kind", "text", ["类型", "订单类型"], "standard or non-standard; default standard", "standard 标准 或 non-standard 非标;默认 standard"),
  field(
    "dueBufferMinutes",
    "number",
    ["交期缓冲(分)", "预留提前期(分)"],
    "Due-date buffer: the plan aims to finish this many elapsed minutes before due (2 days = 2880); default 0",
    "交期缓冲:计划力争提前该分钟数完工(2 天 = 2880);默认 0",
  ),
];

export const ordersSheet = listSheet(
  { name: "orders", zh: ["订单", "订单信息"], en: "Customer and production orders (confirmed)", zhDescription: "已确认的客户订单与生产订单", fields: ORDER_FIELDS },
  "orders",
);

export const rushOrdersSheet = listSheet(
  { name: "rushOrders", zh: ["插单", "紧急订单", "急单"], en: "Rush orders to insert into the plan (takt insert)", zhDescription: "需插入计划的紧急订单(takt insert)", fields: ORDER_FIELDS },
  "rushOrders",
);

export const candidatesSheet = listSheet(
  {
    name: "candidates",
    zh: ["待评审订单", "订单评审"],
    en: "Orders to review before confirming them (takt review)",
    zhDescription: "确认前待评审的订单(takt review)",
    fields: [
      ...ORDER_FIELDS,
      field("engineeringDays", "number", ["工程天数", "设计天数"], "Non-standard orders: calendar days of engineering first", "非标订单:开工前的工程设计天数"),
      field("maxDelayDays", "number", ["可延期天数", "最大延期天数"], "Days after due the customer accepts", "客户可接受的延期天数"),
    ],
  },
  "candidates",
);

const placedFields = (what: string, zhWhat: string) => [
  field("id", "text", ["编号", "单号"], `${what} id, unique`, `${zhWhat}编号,唯一`, true),
  field("item", "text", ["物料", "物料编码"], "Item id", "物料编码", true),
  field("date", "date", ["日期"], "A date inside the bucket (give date or bucket)", "所在时段内的日期(日期与时段二选一)"),
  field("bucket", "integer", ["时段", "周期"], "0-based bucket (give date or bucket)", "时段序号,从 0 起(日期与时段二选一)"),
  field("quantity", "number", ["数量"], "Quantity (≥ 0)", "数量(≥ 0)", true),
];

export const receiptsSheet = listSheet(
  { name: "receipts", zh: ["在途", "在途订单", "到货"], en: "Open purchase and work orders arriving in a bucket", zhDescription: "在途的采购单与工单", fields: placedFields("Receipt", "在途单") },
  "receipts",
);

export const firmPlannedOrdersSheet = listSheet(
  {
    name: "firmPlannedOrders",
    zh: ["确认计划订单", "固定计划订单"],
    en: "MRP planned orders the planner has firmed: MRP never changes them",
    zhDescription: "计划员已确认(固定)的计划订单:MRP 不再改动",
    fields: placedFields("Firm planned order", "确认计划订单").map((f) => (f.key === "quantity" ? { ...f, en: "Good units received (> 0)", zhDescription: "合格品数量(> 0)" } : f)),
  },
  "firmPlannedOrders",
);

export const demandsSheet = listSheet(
  { name: "demands", zh: ["需求", "独立需求", "主生产计划"], en: "Independent demand for MRP (the MPS, forecasts)", zhDescription: "MRP 的独立需求(主生产计划、预测)", fields: placedFields("Demand", "需求") },
  "demands",
);

export const progressSheet = listSheet(
  {
    name: "progress",
    zh: ["进度", "生产进度"],
    en: "Shop-floor progress: operations done or running",
    zhDescription: "车间进度:已完成或正在加工的工序",
    fields: [
      field("order", "text", ["订单号", "订单"], "Order id", "订单号", true),
      field("operation", "text", ["工序"], "Operation id in the order's routing", "订单工艺路线中的工序", true),
      field("status", "text", ["状态"], "done or running", "done 已完成 或 running 加工中", true),
      field("resource", "text", ["资源", "设备"], "The resource it ran on", "加工资源", true),
      field("unit", "integer", ["机台", "台号"], "0-based unit of the resource; default 0", "资源的机台号,从 0 起;默认 0"),
      field("start", "datetime", ["开始", "开工时间"], "When it started (not after planStart)", "开工时间(不晚于计划开始)", true),
      field("remainingMinutes", "number", ["剩余分钟", "剩余时间(分)"], "Running: working minutes still to do", "加工中:剩余工作分钟"),
    ],
  },
  "progress",
);

export const productsSheet = listSheet(
  {
    name: "products",
    zh: ["产品", "产品价格"],
    en: "Bottleneck analysis: products with price and demand in the period",
    zhDescription: "瓶颈分析:产品售价与期间需求",
    fields: [
      field("item", "text", ["物料", "产品"], "Item id", "物料编码", true),
      field("price", "number", ["售价", "价格"], "Selling price per unit", "单价", true),
      field("demand", "number", ["需求", "需求量"], "Units the market takes in the period", "期间市场需求量", true),
    ],
  },
  "products",
);
