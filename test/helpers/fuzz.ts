/**
 * Takt's own request fuzzer: seeded bodies for every route, to check that no answer is a 5xx and no
 * connection drops (issue 13). Two kinds of body:
 * - structural junk: random JSON values and texts that are not JSON at all (deep nesting, huge and odd
 *   numbers, prototype keys, long strings, the wrong top-level type);
 * - field-by-field mutations of the demo plants: one to three edits, each at a random place of the body
 *   (any object key or list entry, at any depth): a huge, negative, NaN-like, empty or wrong-typed value,
 *   a deleted key or list entry, or a list entry duplicated (once, or many times).
 * The same seed gives the same bodies (mulberry32), so a failure found once is found again.
 *
 * Time knobs are the one exception to blind mutation: a search given `timeLimitSeconds: 3600` would, as
 * documented, search for an hour. `clampTimeKnobs` caps the valid ones so a fuzz run tests input handling,
 * not patience; the deadline itself has tests of its own.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRandom } from "../../solver/random.ts";
import type { Random } from "../../solver/random.ts";
import { request as httpRequest } from "node:http";
import type { Agent } from "node:http";

export interface FuzzRandom extends Random {
  pick<T>(list: readonly T[]): T;
}

/** The project's seeded generator (mulberry32), with a pick from a list. */
export function fuzzRandom(seed: number): FuzzRandom {
  const random = createRandom(seed);
  return { ...random, pick: (list) => list[random.int(list.length)]! };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Numbers that have broken parsers and solvers elsewhere: huge, tiny, negative, integer edges. */
const ODD_NUMBERS: readonly number[] = [
  2_000_000_000, 1e12, 1e15, 1e300, -1e300, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 31, 2 ** 32, -1, -0.5, 0, 1e-300, 5e-324, 0.999999999, 3.5, 1e9 + 0.5,
];

/** Values JSON cannot carry, sent as what clients actually send instead. */
const NAN_LIKE: readonly Json[] = ["NaN", "Infinity", "-Infinity", null, "1e999", "", " ", "0x10", "１２"];

const ODD_STRINGS: readonly string[] = ["", "__proto__", "constructor", "toString", "2026-02-30T06:00", "9999-12-31T23:59", "0001-01-01T00:00", "24:00", "25:00", "\u0000", "\ud800", "x".repeat(5000), "🏭"];

function randomJson(random: FuzzRandom, depth: number): Json {
  const roll = random.int(depth > 6 ? 5 : 8);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return random.next() < 0.5;
    case 2:
      return random.pick(ODD_NUMBERS);
    case 3:
      return random.pick(ODD_STRINGS);
    case 4:
      return random.int(1000) - 10;
    case 5:
      return Array.from({ length: random.int(5) }, () => randomJson(random, depth + 1));
    default: {
      const keys = ["id", "orders", "resources", "units", "quantity", "__proto__", "constructor", "options", "buckets", "items", "count", "x"];
      const object: { [key: string]: Json } = {};
      for (let k = random.int(5); k > 0; k--) object[random.pick(keys)] = randomJson(random, depth + 1);
      return object;
    }
  }
}

/** A body that is junk from the start: not JSON, not an object, or an object of the wrong shape. */
export function junkBody(random: FuzzRandom): string {
  switch (random.int(8)) {
    case 0:
      return "";
    case 1:
      return random.pick(["{", "}", "[1,", "{\"a\":}", "nul", "{'a':1}", "{\"a\":1}}", "\u0000", "NaN", "{\"a\":NaN}"]);
    case 2: {
      // Deep nesting: a recursive parser, validator or patcher would overflow its stack.
      const depth = 1000 + random.int(50_000);
      return random.int(2) === 0 ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${"[".repeat(depth)}`;
    }
    case 3:
      return `{"a":${"{\"a\":".repeat(2000)}1${"}".repeat(2001)}`;
    case 4:
      return JSON.stringify(random.pick([null, true, 42, "text", [], [{}]]));
    case 5:
      return `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"orders":[]}`;
    default:
      return JSON.stringify(randomJson(random, 0));
  }
}

/** Every place in `value` a mutation can hit: the path of each object key and list entry, at any depth. */
function places(value: Json, path: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) value.forEach((entry, i) => (out.push([...path, i]), places(entry, [...path, i], out)));
  else if (value !== null && typeof value === "object") for (const [key, entry] of Object.entries(value)) (out.push([...path, key]), places(entry, [...path, key], out));
  return out;
}

function wrongType(value: Json, random: FuzzRandom): Json {
  if (typeof value === "number") return random.pick([String(value), [value], { value }, true]);
  if (typeof value === "string") return random.pick([12, [value], { value }, false]);
  if (Array.isArray(value)) return random.pick([{}, "list", 3, value[0] ?? null]);
  if (value !== null && typeof value === "object") return random.pick([[], "object", 7, [value]]);
  return random.pick(["true", 1, {}, []]);
}

/** A new value for `value`, mostly of its own type (so the body stays well-formed often enough to reach a solver). */
function replacement(value: Json, strings: readonly string[], random: FuzzRandom): Json {
  const roll = random.next();
  if (roll < 0.12) return wrongType(value, random);
  if (roll < 0.2) return random.pick(NAN_LIKE);
  if (typeof value === "number") {
    if (roll < 0.6) return random.pick(ODD_NUMBERS);
    if (roll < 0.8) return -Math.abs(value) - random.int(3);
    return value * random.pick([10, 1000, 1e6, 0.001, 0]);
  }
  if (typeof value === "string") {
    // Another string of the body: a reference to something else (a resource id where a calendar id belongs).
    if (roll < 0.6) return random.pick(strings);
    return random.pick(ODD_STRINGS);
  }
  if (Array.isArray(value)) return random.pick([[], [value[0] ?? null], value.slice(0, 1)]);
  if (value !== null && typeof value === "object") return random.pick([{}, { ...value, [random.pick(strings)]: random.pick(ODD_NUMBERS) }]);
  return random.pick([!value, 0, "yes"]);
}

function strings(value: Json, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const entry of value) strings(entry, out);
  else if (value !== null && typeof value === "object") for (const entry of Object.values(value)) strings(entry, out);
  return out;
}

/** One edit at `path` of `body` (mutated in place). */
function mutateAt(body: Json, path: ReadonlyArray<string | number>, texts: readonly string[], random: FuzzRandom): void {
  let parent = body as { [key: string]: Json } | Json[];
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as { [key: string]: Json } | Json[];
  const key = path[path.length - 1]!;
  const container = parent as Record<string | number, Json>;
  const value = container[key]!;
  const roll = random.next();
  if (Array.isArray(parent) && roll < 0.6) {
    // A list entry deleted (the rest shift), or duplicated: once (a duplicate id) or many times (a long list).
    if (roll < 0.25) parent.splice(key as number, 1);
    else parent.splice(key as number, 0, ...Array.from({ length: roll < 0.45 ? 1 : 1 + random.int(300) }, () => structuredClone(value)));
  } else if (!Array.isArray(parent) && roll < 0.15) delete container[key];
  else container[key] = replacement(value, texts, random);
}

/** A demo body with one to three mutations (one most often). */
export function mutatedBody(base: Json, random: FuzzRandom): Json {
  const body = structuredClone(base);
  const texts = strings(body);
  const roll = random.next();
  for (let n = roll < 0.6 ? 1 : roll < 0.85 ? 2 : 3; n > 0; n--) {
    const all = places(body);
    if (all.length === 0) break;
    mutateAt(body, random.pick(all), texts, random);
  }
  return body;
}

/** Caps the time a valid time knob asks for (see the header); invalid values are left to be refused. */
export function clampTimeKnobs(body: Json, maxSeconds: number): Json {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  const options = body.options;
  if (options !== null && typeof options === "object" && !Array.isArray(options)) {
    for (const knob of ["timeLimitSeconds", "baseScheduleSeconds"]) {
      const value = options[knob];
      if (typeof value === "number" && value > maxSeconds) options[knob] = maxSeconds;
      if (value === undefined) options[knob] = maxSeconds;
    }
    if (typeof options.workers === "number" && options.workers > 2) options.workers = 2;
  } else if (options === undefined) body.options = { timeLimitSeconds: maxSeconds, baseScheduleSeconds: maxSeconds };
  for (const key of ["input", "base"]) clampTimeKnobs(body[key] ?? null, maxSeconds);
  return body;
}

export interface FuzzRoute {
  method: "POST" | "GET" | "DELETE";
  url: string;
  /** The body the route is fuzzed from (mutations of it), when it takes one. */
  base?: Json;
}

/** A demo plant from data/, found upwards from this module (the fuzz benchmark runs it from a bundle). */
function demo(name: string): Json {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "data", `${name}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Json;
  }
  throw new Error(`data/${name}.json not found above ${fileURLToPath(import.meta.url)}`);
}

/** A schedule answer of one operation of the steel plant, for /v1/export. */
const ONE_OPERATION_PLAN: Json = {
  status: "feasible",
  operations: [{ order: "SO-26-001", operation: "galvanize", resource: "CGL", unit: 0, start: "2026-03-30T06:00", end: "2026-03-30T11:26", setupMinutes: 20, changeoverMinutes: 0, state: "planned" }],
  orders: [],
  kpis: { onTimeRate: 1, weightedTardiness: 0, makespanMinutes: 326, setupMinutes: 20, changeoverMinutes: 0, utilization: {} },
  solver: { elapsedMs: 1, iterations: 0, workers: 1, bestFoundAtMs: 0, objective: [0, 326, 0] },
};

/** Every route with the demo body it takes (the steel plant, or the appliance plant for MRP). */
export function fuzzRoutes(): FuzzRoute[] {
  const steel = demo("steel-plant");
  const appliance = demo("appliance-plant");
  return [
    { method: "POST", url: "/v1/validate", base: steel },
    { method: "POST", url: "/v1/schedule", base: steel },
    // Re-planning against a plan in force (issue 15): the demo's frozenUntil fences its reference.
    { method: "POST", url: "/v1/schedule", base: { ...(steel as Record<string, Json>), reference: { operations: (ONE_OPERATION_PLAN as { operations: Json }).operations } } },
    { method: "POST", url: "/v1/schedule/insert", base: steel },
    { method: "POST", url: "/v1/orders/review", base: steel },
    { method: "POST", url: "/v1/capacity", base: steel },
    { method: "POST", url: "/v1/mrp", base: appliance },
    { method: "POST", url: "/v1/bottleneck", base: steel },
    { method: "POST", url: "/v1/export", base: { answer: ONE_OPERATION_PLAN, model: steel } },
    // Not a workbook: whatever the fuzzer sends must be refused with a 4xx.
    { method: "POST", url: "/v1/import", base: steel },
    { method: "POST", url: "/v1/jobs", base: { kind: "capacity", input: steel } },
    {
      method: "POST",
      url: "/v1/scenarios",
      base: { kind: "capacity", base: steel, variations: [{ name: "second CGL", patch: { resources: { CGL: { units: 2 } } } }, { name: "+20 %", scaleDemand: 1.2 }] },
    },
    { method: "GET", url: "/v1/jobs" },
    { method: "GET", url: "/v1/jobs/:id" },
    { method: "DELETE", url: "/v1/jobs/:id" },
    { method: "GET", url: "/v1/scenarios/:id" },
  ];
}

export interface FuzzRequest {
  method: FuzzRoute["method"];
  url: string;
  /** The body text, absent for GET and DELETE. */
  payload?: string;
}

const ODD_QUERIES = ["", "?limit=0", "?limit=1e9", "?limit=-1", "?status=nope", "?kind=__proto__", "?limit=abc&limit=2", "?%zz"];
const ODD_IDS = ["x", "00000000-0000-0000-0000-000000000000", "%00", "..%2F..%2Fetc", "a".repeat(3000), "__proto__", "%F0%9F%8F%AD"];

/** The `n`-th fuzzed request of a route (junk one time in four, else a mutation of its demo body). */
export function fuzzRequest(route: FuzzRoute, random: FuzzRandom, maxSeconds: number): FuzzRequest {
  if (route.base === undefined) {
    const url = route.url.includes(":id") ? route.url.replace(":id", random.pick(ODD_IDS)) : `${route.url}${random.pick(ODD_QUERIES)}`;
    return { method: route.method, url };
  }
  const payload = random.int(4) === 0 ? junkBody(random) : JSON.stringify(clampTimeKnobs(mutatedBody(route.base, random), maxSeconds));
  return { method: route.method, url: route.url, payload };
}

/** The status of one request over `agent`'s kept-alive connections; rejects when the connection drops. */
export function sendFuzzRequest(base: string, request: FuzzRequest, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${request.url}`,
      { method: request.method, agent, headers: request.payload === undefined ? {} : { "content-type": "application/json" } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(request.payload);
  });
}
