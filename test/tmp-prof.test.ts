import { it } from "vitest";
import { xlsxChunks } from "../api/spreadsheet/xlsx-writer.ts";
it("prof", () => {
  const rows = 100_000, cols = 55;
  const columns = [{ name: "item", type: "text" as const }, { name: "llc", type: "number" as const }, { name: "row", type: "text" as const }, ...Array.from({ length: cols - 3 }, (_, t) => ({ name: `d${t}`, type: "number" as const }))];
  const series = new Float64Array(52).map((_, t) => (t % 3 === 0 ? 0 : t * 17.5));
  const t0 = performance.now();
  const chunks = xlsxChunks([{ name: "records", columns, rows: { *[Symbol.iterator]() { for (let r = 0; r < rows; r++) yield ["ITEM-" + r, 3, "gross", ...Array.from(series)]; } } }]);
  const ms = performance.now() - t0;
  console.log("ms", Math.round(ms), "us/cell", (ms * 1000 / rows / cols).toFixed(3), chunks.reduce((n, c) => n + c.byteLength, 0));
});
