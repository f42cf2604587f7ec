/**
 * The worker side of submitting jobs and scenario batches: a job's envelope and input, and a batch with its
 * base and every patched variation, are parsed and checked on a solver thread (400 with paths `input.…`,
 * `base.…`, `variations[i]…`; 422 for a patch naming nothing; 413 over a size limit), and come back as the
 * JSON text the store keeps. The event loop never parses or serializes an input.
 */
import { MAX_BATCH_INPUT_BYTES } from "../../src/limits.ts";
import { TaktError } from "../../src/errors.ts";
import { capabilities } from "../capabilities/index.ts";
import type { Capability } from "../capability.ts";
import type { JsonBody } from "../json-body.ts";
import { jsonBodyText } from "../json-body.ts";
import { parseJsonRequest, parseJsonText } from "../parse-json.ts";
import type { JobOptions } from "./job-store.ts";
import { jobRequest, scenarioBatchRequest } from "./job-schemas.ts";
import type { KpiValue } from "./kpis.ts";
import { kpiExtractors } from "./kpis.ts";
import { parseInput } from "./parse-input.ts";
import { expandScenarios } from "./scenarios.ts";

/** A submission's text, with the kinds the server runs and the largest input it keeps (bytes of JSON). */
export interface SubmissionTask {
  body: JsonBody;
  kinds: string[];
  maxInputBytes: number;
}

export interface AcceptedJob {
  kind: string;
  options: JobOptions;
  inputJson: string;
  /** False for a kind the threads do not know (a capability an app adds, as tests do): the main thread checks its input. */
  checked: boolean;
}

export interface AcceptedBatch {
  kind: string;
  options: JobOptions;
  /** The base first, then the variations in order. */
  scenarios: Array<{ name: string; inputJson: string }>;
}

function capabilityOf(kind: string): Capability {
  const capability = knownCapability(kind);
  if (!capability) throw new TaktError("TAKT_ERR_BAD_REQUEST", `this server has no capability "${kind}"`);
  return capability;
}

function knownCapability(kind: string): Capability | undefined {
  return capabilities.find((c) => c.command === kind);
}

/** The input's JSON text, within `limit` bytes (413 otherwise). */
function inputText(input: unknown, limit: number, what: string): string {
  const text = JSON.stringify(input);
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > limit) throw new TaktError("TAKT_ERR_BODY_TOO_LARGE", `${what} is ${bytes} bytes, over the job input limit of ${limit}`);
  return text;
}

export function jobInputTask({ body, kinds, maxInputBytes }: SubmissionTask): AcceptedJob {
  const { kind, input, options } = parseJsonRequest(jobRequest(kinds), body);
  const capability = knownCapability(kind);
  if (capability) parseInput(capability, input, ["input"]);
  return { kind, options: options ?? {}, inputJson: inputText(input, maxInputBytes, "the input"), checked: capability !== undefined };
}

export function scenarioInputsTask({ body, kinds, maxInputBytes }: SubmissionTask): AcceptedBatch {
  const request = parseJsonRequest(scenarioBatchRequest(kinds), body);
  const scenarios = expandScenarios(capabilityOf(request.kind), request.base, request.variations);
  let total = 0;
  const texts = scenarios.map((scenario, i) => {
    const inputJson = inputText(scenario.input, maxInputBytes, i === 0 ? "the base" : `variations[${i - 1}] after patching`);
    total += inputJson.length;
    if (total > MAX_BATCH_INPUT_BYTES) {
      throw new TaktError("TAKT_ERR_BODY_TOO_LARGE", `the batch's inputs pass ${MAX_BATCH_INPUT_BYTES} bytes together (MAX_BATCH_INPUT_BYTES) at variations[${i - 1}]`);
    }
    return { name: scenario.name, inputJson };
  });
  return { kind: request.kind, options: request.options ?? {}, scenarios: texts };
}

/** The KPIs of a result stored before KPIs were stored with results: read once, then kept (job-runner.ts). */
export function storedKpisTask({ kind, input, result }: { kind: string; input: JsonBody; result: JsonBody }): Record<string, KpiValue> {
  const request = capabilityOf(kind).request.parse(parseJsonText(jsonBodyText(input)));
  return kpiExtractors[kind]!.extract(request, JSON.parse(jsonBodyText(result)));
}
