/**
 * Issue 18's export benchmark: the 100,000-item MRP plan of bench/mrp.bench.ts (580,790 planned orders,
 * 110,546 exceptions, 600,000 record rows × 52 buckets: about 38 million cells) written as an XLSX workbook
 * and as CSV straight from the plan's arrays, against the same plan written as its JSON answer. Target:
 * the workbook streams (rows are written as they are made; no workbook object model, no sheet text) in
 * under 1 GB, within 3× the JSON answer's time. Each task logs its CPU time, the file's size and the heap /
 * RSS after its last iteration, and the process's peak RSS. Run with `npm run bench -- export`.
 */
import type { Bench } from "tinybench";
import { exportMrpPlan } from "../api/spreadsheet/export-answer.ts";
import type { FileBody } from "../api/spreadsheet/export-answer.ts";
import { planMaterials } from "../solver/mrp/plan-materials.ts";
import { cpuAndMemory, generateMrpRequest } from "./mrp.bench.ts";

/** The MRP benchmark's CPU and memory log, with the file's size and the process's peak RSS. */
function measured(name: string, size: () => number) {
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
  return cpuAndMemory(() => `${name}: ${mb(size())} written, peak rss so far ${mb(process.resourceUsage().maxRSS * 1024)}`);
}

const bytes = (chunks: readonly Uint8Array[] | undefined) => (chunks ?? []).reduce((n, chunk) => n + chunk.byteLength, 0);

export async function register(bench: Bench): Promise<void> {
  const request = generateMrpRequest();
  // One answer alive at a time, as in a server.
  let json: Uint8Array[] | undefined;
  let file: FileBody | undefined;
  const drop = () => {
    json = undefined;
    file = undefined;
  };
  const jsonHooks = measured("mrp JSON answer", () => bytes(json));
  bench.add("MRP 100k items: plan + JSON answer (planMaterials)", () => void (json = planMaterials(request)), { ...jsonHooks, beforeEach: () => (drop(), jsonHooks.beforeEach()) });
  const xlsxHooks = measured("mrp XLSX", () => bytes(file?.fileChunks));
  bench.add("MRP 100k items: plan + XLSX workbook (planned orders, exceptions, records)", () => void (file = exportMrpPlan(request, "xlsx")), {
    ...xlsxHooks,
    beforeEach: () => (drop(), xlsxHooks.beforeEach()),
  });
  const csvHooks = measured("mrp CSV", () => bytes(file?.fileChunks));
  bench.add("MRP 100k items: plan + CSV (planned orders)", () => void (file = exportMrpPlan(request, "csv")), { ...csvHooks, beforeEach: () => (drop(), csvHooks.beforeEach()) });
}
