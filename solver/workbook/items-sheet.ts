/** The items sheet: one row per material, the lot-sizing rule spread over columns (lotRule and its parameters). */
import { field } from "./fields.ts";
import type { WorkbookSheet } from "./workbook-sheet.ts";
import { pick, rowObject } from "./workbook-sheet.ts";

const KEYS = ["id", "name", "unit", "source", "supplier", "leadTime", "onHand", "safetyStock", "unitCost", "scrapRate", "phantom", "minimum", "multiple", "planningFenceBuckets"];
/** Lot-sizing parameters: column → field of the rule. */
const LOT_COLUMNS = { lotQuantity: "quantity", lotPeriods: "periods", setupCost: "setupCost", holdingCost: "holdingCost" } as const;

export const itemsSheet: WorkbookSheet = {
  spec: {
    name: "items",
    zh: ["物料", "物料主数据", "物料表"],
    en: "Items: finished products, sub-assemblies, parts, raw materials",
    zhDescription: "物料:成品、半成品、零件、原材料",
    fields: [
      field("id", "text", ["物料编码", "物料", "编码"], "Item id, unique", "物料编码,唯一", true),
      field("name", "text", ["名称", "物料名称"], "Name", "名称"),
      field("unit", "text", ["单位"], "Unit of measure (pcs, t, kg)", "计量单位"),
      field("source", "text", ["来源", "自制外购"], "make or buy; default make for BOM parents, else buy", "make 自制 或 buy 外购;默认父件自制、其余外购"),
      field("supplier", "text", ["供应商"], "Who supplies a bought item (MRP's follow-up list names it)", "外购件的供应商(MRP 跟催清单列出)"),
      field("leadTime", "integer", ["提前期", "提前期(期)"], "Whole planning buckets from release to receipt; default 0", "提前期(时段数),默认 0"),
      field("onHand", "number", ["库存", "现有库存"], "Stock on hand; default 0", "现有库存,默认 0"),
      field("safetyStock", "number", ["安全库存"], "Safety stock; default 0", "安全库存,默认 0"),
      field("unitCost", "number", ["单价", "采购单价"], "Purchase cost per unit (bought items)", "采购单价(外购件)"),
      field("scrapRate", "number", ["损耗率", "报废率"], "Share of started units lost, 0 ≤ r < 1; default 0", "损耗率 0 ≤ r < 1,默认 0"),
      field("phantom", "boolean", ["虚拟件"], "Exploded through, never stocked; default false", "虚拟件(不入库),默认否"),
      field("lotRule", "text", ["批量规则"], "lot-for-lot (default), fixed, periods, eoq, wagner-whitin, silver-meal", "批量规则:lot-for-lot(默认)、fixed、periods、eoq、wagner-whitin、silver-meal"),
      field("lotQuantity", "number", ["固定批量"], "fixed: the lot quantity", "fixed:固定批量"),
      field("lotPeriods", "integer", ["批量期数"], "periods: buckets per lot", "periods:每批覆盖的期数"),
      field("setupCost", "number", ["订货成本", "准备成本"], "eoq, wagner-whitin, silver-meal: cost per order", "eoq 等:每次订货(准备)成本"),
      field("holdingCost", "number", ["持有成本"], "eoq, wagner-whitin, silver-meal: cost per unit per bucket", "eoq 等:单位每期持有成本"),
      field("minimum", "number", ["最小批量"], "Smallest planned order quantity", "最小订货量"),
      field("multiple", "number", ["批量倍数", "包装倍数"], "Order quantities are rounded up to a multiple of this", "订货量取整倍数"),
      field("planningFenceBuckets", "integer", ["计划冻结期", "冻结期"], "MRP planning time fence in buckets: no planned orders due inside it", "MRP 计划时界(时段数):时界内不生成计划订单"),
    ],
  },
  rows: (plant) =>
    (plant.items ?? []).map((item) => {
      const lot = (item.lotSizing ?? {}) as Record<string, unknown>;
      return {
        ...pick(item, KEYS),
        lotRule: lot.rule,
        ...Object.fromEntries(Object.entries(LOT_COLUMNS).map(([column, key]) => [column, lot[key]])),
      };
    }),
  read(rows, plant, { cells, report }) {
    if (rows.length === 0) return;
    plant.items = rows.map((row, i) => {
      const item = rowObject(row, KEYS, ["items", i], cells);
      const rule = row.values.lotRule;
      const lot: Record<string, unknown> = { rule };
      if (row.cellOf("lotRule") !== undefined) cells.set(["items", i, "lotSizing"], row.cellOf("lotRule")!);
      for (const [column, key] of Object.entries(LOT_COLUMNS)) {
        const at = row.cellOf(column);
        if (at !== undefined) cells.set(["items", i, "lotSizing", key], at);
        if (column in row.values) {
          if (rule === undefined) report.problem(at!, `${column} needs a lotRule`);
          lot[key] = row.values[column];
        }
      }
      if (rule !== undefined) item.lotSizing = lot;
      return item;
    });
  },
};
