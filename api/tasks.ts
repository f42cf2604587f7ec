/**
 * The task table the solver worker dispatches on. Each handler is a pure solver call; the worker gives it
 * time and cancellation through the TaskContext.
 */
import { analyseBottleneck } from "../solver/bottleneck/analyse-bottleneck.ts";
import { assessCapacity } from "../solver/capacity/assess-capacity.ts";
import { checkCapacityRequest } from "../solver/capacity/check-capacity-request.ts";
import { highsEngine } from "../solver/lp/highs-engine.ts";
import { searchJobShop, jobShopSize } from "../solver/jobshop/search-jobshop.ts";
import type { JobShopInstance } from "../solver/jobshop/instance.ts";
import { budgetFor } from "../solver/schedule/search-budget.ts";
import type { ProblemSize } from "../solver/schedule/search-budget.ts";
import type { SearchOptions, SearchResult } from "../solver/schedule/search-problem.ts";
import type { ScheduleSearchResult } from "../solver/schedule/search-schedule.ts";
import { problemSizeOf, searchSchedule } from "../solver/schedule/search-schedule.ts";
import { planMaterials } from "../solver/mrp/plan-materials.ts";
import { planRushInsertion } from "../solver/insert/plan-rush-insertion.ts";
import { reviewOrders } from "../solver/review/review-orders.ts";
import { checkFactory } from "../src/check-factory.ts";
import { ModelError } from "../src/errors.ts";
import type { Problem } from "../src/problem.ts";
import type { BottleneckRequest, BottleneckResponse } from "../src/bottleneck.ts";
import type { CapacityRequest, CapacityResponse } from "../src/capacity.ts";
import { MrpRequest } from "../src/mrp.ts";
import type { InsertRequest, InsertResponse } from "../src/insert.ts";
import type { ReviewRequest, ReviewResponse } from "../src/review.ts";
import type { ScheduleRequest } from "../src/schedule.ts";
import type { ValidateResponse } from "../src/factory.ts";
import { FactoryModel } from "../src/factory.ts";
import type { TaskContext } from "./task-protocol.ts";
import type { JsonBody } from "./json-body.ts";
import { isJsonBody, jsonBodyText } from "./json-body.ts";
import { parseJsonRequest } from "./parse-json.ts";
import { zodProblems } from "./request-validation.ts";
import type { ExportInput, FileBody, SpreadsheetFormat } from "./spreadsheet/export-answer.ts";
import { exportAnswer, exportMrpPlan } from "./spreadsheet/export-answer.ts";
import { importWorkbook } from "./spreadsheet/import-workbook.ts";
import type { ImportedPlant } from "../solver/workbook/import-plant.ts";

/** A model with semantic problems is answered with all of them (422), before any solving. */
function assertSound(problems: Problem[]): void {
  if (problems.length > 0) throw new ModelError(problems);
}

/** The LP gets what is left of the budget, minus a margin to interpret its answer. */
function lpSeconds(context: TaskContext): number {
  return Math.max(1, context.remainingMs() / 1000 - 2);
}

/** A seeded search's options: deterministic work for the time limit, and the worker's clock and cancel flag. */
function searchOptions(seed: number, timeLimitSeconds: number, size: ProblemSize, context: TaskContext, maxIterations?: number): SearchOptions {
  const budget = { ...budgetFor(timeLimitSeconds, size), ...(maxIterations !== undefined ? { maxIterations } : {}) };
  return { seed, budget, clock: context.clock, shouldStop: context.shouldStop, onProgress: context.progress };
}

export const taskHandlers = {
  validate(draft: unknown): ValidateResponse {
    const parsed = FactoryModel.safeParse(draft);
    const problems = parsed.success ? checkFactory(parsed.data) : zodProblems(parsed.error);
    return { valid: problems.length === 0, problems };
  },

  /** The plan as JSON text (a 100k-item plan is ~350 MB of it); computeMaterialPlan reports every problem of an unsound request itself. */
  mrp(input: MrpRequest | JsonBody): JsonBody {
    const request = isJsonBody(input) ? parseJsonRequest(MrpRequest, input) : input;
    return { jsonChunks: planMaterials(request) };
  },

  capacity(request: CapacityRequest, context: TaskContext): Promise<CapacityResponse> {
    assertSound(checkCapacityRequest(request));
    return assessCapacity(request, { engine: highsEngine, timeLimitSeconds: lpSeconds(context) });
  },

  bottleneck(request: BottleneckRequest, context: TaskContext): Promise<BottleneckResponse> {
    return analyseBottleneck(request, { engine: highsEngine, timeLimitSeconds: lpSeconds(context) });
  },

  "schedule-search"({ request, seed }: { request: ScheduleRequest; seed: number }, context: TaskContext): ScheduleSearchResult {
    const { timeLimitSeconds, maxIterations } = request.options;
    return searchSchedule(request, searchOptions(seed, timeLimitSeconds, problemSizeOf(request), context, maxIterations));
  },

  "jobshop-search"({ instance, seed, timeLimitSeconds }: { instance: JobShopInstance; seed: number; timeLimitSeconds: number }, context: TaskContext): SearchResult {
    return searchJobShop(instance, searchOptions(seed, timeLimitSeconds, jobShopSize(instance), context));
  },

  insert(request: InsertRequest, context: TaskContext): InsertResponse {
    return planRushInsertion(request, context.clock);
  },

  review(request: ReviewRequest, context: TaskContext): ReviewResponse {
    return reviewOrders(request, context.clock);
  },

  /** A workbook's bytes as a plant (reading and checking a large workbook takes seconds: not on the event loop). */
  import({ bytes }: { bytes: Uint8Array }): ImportedPlant {
    return importWorkbook(bytes);
  },

  /** An answer (as objects, or as JSON text such as a stored job result) written as a spreadsheet file. */
  export({ input, format }: { input: ExportInput | { answerJson: JsonBody; modelJson: string; option?: string | undefined }; format: SpreadsheetFormat }): FileBody {
    if (!("answerJson" in input)) return exportAnswer(input, format);
    return exportAnswer({ answer: JSON.parse(jsonBodyText(input.answerJson)), model: JSON.parse(input.modelJson), option: input.option }, format);
  },

  /** An MRP request planned and written as a spreadsheet straight from the plan's arrays. */
  "mrp-export"({ request, format }: { request: MrpRequest | JsonBody; format: SpreadsheetFormat }): FileBody {
    return exportMrpPlan(isJsonBody(request) ? parseJsonRequest(MrpRequest, request) : request, format);
  },
} satisfies Record<string, (input: never, context: TaskContext) => unknown>;

export type TaskKind = keyof typeof taskHandlers;
