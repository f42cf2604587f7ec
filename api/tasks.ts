/**
 * The task table the solver worker dispatches on. A capability's task takes the request's JSON text, parses
 * and validates it (a 400 with every failing path, as a route validator would give), calls the pure solver
 * and answers with the response's JSON text (json-body.ts), plus the scenario KPIs when a job asks for them.
 * The worker gives each time and cancellation through the TaskContext.
 */
import { analyseBottleneck } from "../solver/bottleneck/analyse-bottleneck.ts";
import { assessCapacity } from "../solver/capacity/assess-capacity.ts";
import { checkCapacityRequest } from "../solver/capacity/check-capacity-request.ts";
import { highsEngine } from "../solver/lp/highs-engine.ts";
import { jobShopBudget } from "../solver/jobshop/jobshop-budget.ts";
import { searchJobShop } from "../solver/jobshop/search-jobshop.ts";
import type { JobShopInstance } from "../solver/jobshop/instance.ts";
import type { SearchResult } from "../solver/schedule/search-problem.ts";
import { planMaterials } from "../solver/mrp/plan-materials.ts";
import type { MrpFigures } from "../solver/mrp/response-text.ts";
import { BottleneckRequest } from "../src/bottleneck.ts";
import { CapacityRequest } from "../src/capacity.ts";
import { checkFactory } from "../src/check-factory.ts";
import { ModelError } from "../src/errors.ts";
import { FactoryModel } from "../src/factory.ts";
import type { ValidateResponse } from "../src/factory.ts";
import { MrpRequest } from "../src/mrp.ts";
import type { Answer } from "./capability.ts";
import { kpiExtractors } from "./jobs/kpis.ts";
import { jobInputTask, scenarioInputsTask, storedKpisTask } from "./jobs/job-tasks.ts";
import type { JsonBody } from "./json-body.ts";
import { jsonBodyText, toJsonBody } from "./json-body.ts";
import { FactoryModelDraft } from "./capabilities/validate.ts";
import { parseJsonRequest } from "./parse-json.ts";
import { zodProblems } from "./request-validation.ts";
import { insertSearchedTask, insertSearchTask, insertTask } from "./insert-tasks.ts";
import { reviewTask, scheduleSearch } from "./schedule-tasks.ts";
import type { ExportInput, FileBody, SpreadsheetFormat } from "./spreadsheet/export-answer.ts";
import { exportAnswer, exportMrpPlan, ExportRequest } from "./spreadsheet/export-answer.ts";
import { importWorkbook } from "./spreadsheet/import-workbook.ts";
import type { ImportedPlant } from "../solver/workbook/import-plant.ts";
import type { TaskContext } from "./task-protocol.ts";

/** A capability task's input: the request's text, and whether a job wants its KPIs. */
export interface TextTask {
  body: JsonBody;
  kpis: boolean;
}

/** The LP gets what is left of the budget, minus a margin to interpret its answer. */
function lpSeconds(context: TaskContext): number {
  return Math.max(1, context.remainingMs() / 1000 - 2);
}

/** The answer to a request of capability `kind`: the response's text and, for a job, its KPIs. */
function answer(kind: string, request: unknown, response: unknown, kpis: boolean, text = toJsonBody(response)): Answer {
  const extractor = kpiExtractors[kind];
  return { body: text, ...(kpis && extractor ? { kpis: extractor.extract(request, response) } : {}) };
}

export const taskHandlers = {
  /** Any JSON object is a draft to check; only a body that is not an object is a 400. */
  validate({ body }: TextTask): Answer {
    const parsed = FactoryModel.safeParse(parseJsonRequest(FactoryModelDraft, body));
    const problems = parsed.success ? checkFactory(parsed.data) : zodProblems(parsed.error);
    return { body: toJsonBody({ valid: problems.length === 0, problems } satisfies ValidateResponse) };
  },

  /** The plan as JSON text written from the planner's typed arrays (a 100k-item plan is ~350 MB of it). */
  mrp({ body, kpis }: TextTask): Answer {
    const request = parseJsonRequest(MrpRequest, body);
    const figures: MrpFigures = { plannedOrders: 0, purchaseSpend: 0, exceptions: 0 };
    return answer("mrp", request, figures, kpis, { jsonChunks: planMaterials(request, figures) });
  },

  async capacity({ body, kpis }: TextTask, context: TaskContext): Promise<Answer> {
    const request = parseJsonRequest(CapacityRequest, body);
    const problems = checkCapacityRequest(request);
    if (problems.length > 0) throw new ModelError(problems);
    return answer("capacity", request, await assessCapacity(request, { engine: highsEngine, timeLimitSeconds: lpSeconds(context) }), kpis);
  },

  async bottleneck({ body, kpis }: TextTask, context: TaskContext): Promise<Answer> {
    const request = parseJsonRequest(BottleneckRequest, body);
    return answer("bottleneck", request, await analyseBottleneck(request, { engine: highsEngine, timeLimitSeconds: lpSeconds(context) }), kpis);
  },

  "schedule-search": scheduleSearch,
  insert: insertTask,
  "insert-search": insertSearchTask,
  "insert-searched": insertSearchedTask,
  review: reviewTask,

  "jobshop-search"({ instance, seed, timeLimitSeconds }: { instance: JobShopInstance; seed: number; timeLimitSeconds: number }, context: TaskContext): SearchResult {
    return searchJobShop(instance, { seed, budget: jobShopBudget(timeLimitSeconds), clock: context.clock, shouldStop: context.shouldStop, onProgress: context.progress });
  },

  /** Occupies a thread a moment (SolverPool.warm), so that every thread has loaded this module before requests come. */
  async warm(): Promise<null> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return null;
  },

  "job-input": jobInputTask,
  "scenario-inputs": scenarioInputsTask,
  "stored-kpis": storedKpisTask,

  /** A workbook's bytes as a plant (reading and checking a large workbook takes seconds: not on the event loop). */
  import({ bytes }: { bytes: Uint8Array }): ImportedPlant {
    return importWorkbook(bytes);
  },

  /**
   * An answer written as a spreadsheet file: as objects (the CLI), as JSON text (a route's answer and its
   * request, a stored job result and its input), or as POST /v1/export's body in JSON text.
   */
  export({ input, format }: { input: ExportInput | { answerJson: JsonBody; modelJson: JsonBody | string; option?: string | undefined } | { requestJson: JsonBody }; format: SpreadsheetFormat }): FileBody {
    if ("requestJson" in input) return exportAnswer(parseJsonRequest(ExportRequest, input.requestJson), format);
    if (!("answerJson" in input)) return exportAnswer(input, format);
    const modelText = typeof input.modelJson === "string" ? input.modelJson : jsonBodyText(input.modelJson);
    return exportAnswer({ answer: JSON.parse(jsonBodyText(input.answerJson)), model: JSON.parse(modelText), option: input.option }, format);
  },

  /** An MRP request planned and written as a spreadsheet straight from the plan's arrays. */
  "mrp-export"({ request, format }: { request: JsonBody; format: SpreadsheetFormat }): FileBody {
    return exportMrpPlan(parseJsonRequest(MrpRequest, request), format);
  },
} satisfies Record<string, (input: never, context: TaskContext) => unknown>;

export type TaskKind = keyof typeof taskHandlers;
