/**
 * The workbench's state: one object, kept in the browser's IndexedDB (idb-keyval) after every change, so a
 * reload — or closing the tab — loses neither the plant, its plan nor any view's last answer. IndexedDB and
 * not localStorage: a 10,000-operation plan with its rush options is several MB, past localStorage's quota.
 */
import { get, set } from "idb-keyval";
import { useEffect, useState } from "preact/hooks";
import type { BottleneckResponse } from "../src/bottleneck.ts";
import type { CapacityResponse } from "../src/capacity.ts";
import type { InsertResponse } from "../src/insert.ts";
import type { MrpResponse } from "../src/mrp.ts";
import type { ReviewResponse } from "../src/review.ts";
import type { DispatchRow } from "../solver/export/dispatch-list.ts";
import type { Lang } from "./i18n.ts";
import type { Plan, PlanOperation, Plant } from "./model.ts";

export interface Problem {
  path: string;
  message: string;
}

export interface PlantState {
  model: Plant;
  /** Where it came from: a demo's id or the file's name. */
  source: string;
  /** /v1/validate's answer; null until it came (or when the server could not be asked). */
  validation: { valid: boolean; problems: Problem[] } | null;
}

export interface RushState {
  rushOrders: NonNullable<Plant["rushOrders"]>;
  now: string;
  frozenUntil: string;
  response: InsertResponse | null;
  chosen: string | null;
}

export interface ReviewState {
  candidates: NonNullable<Plant["candidates"]>;
  changes: NonNullable<Plant["changes"]>;
  response: ReviewResponse | null;
}

export interface ScenarioVariationDraft {
  name: string;
  scaleDemand: number | null;
  resource: string;
  units: number | null;
  calendar: string;
}

export interface ScenarioState {
  kind: "schedule" | "capacity";
  variations: ScenarioVariationDraft[];
  batchId: string | null;
  batch: unknown;
}

/** A dispatch list handed to the shop, to mark what the next one changes, and the plan it came from. */
export interface IssuedPlan {
  at: string;
  rows: DispatchRow[];
  /** The plan's operations: Recalculate keeps them as the plan in force (issue 15). Absent in states kept before. */
  operations?: PlanOperation[];
}

/** The views that run jobs; each follows at most one. */
export type JobPurpose = "schedule" | "capacity" | "insert" | "review" | "mrp" | "bottleneck";

export interface AppState {
  lang: Lang;
  plant: PlantState | null;
  plan: Plan | null;
  capacity: CapacityResponse | null;
  mrp: MrpResponse | null;
  bottleneck: BottleneckResponse | null;
  rush: RushState | null;
  review: ReviewState | null;
  scenarios: ScenarioState | null;
  issued: IssuedPlan | null;
  /** Search seconds for Recalculate. */
  timeLimitSeconds: number;
  /** Recalculate's timing (issue 16): every operation as early as it can go, or just in time. */
  timing: "early" | "just-in-time";
  /** Recalculate against the plan in force (the issued one, else the current one) with a frozen fence. */
  keepPlan: boolean;
  /** The fence Recalculate freezes the plan in force until; null: the plant's frozenUntil or the next shift start. */
  frozenUntil: string | null;
  /** Jobs running for the views, by purpose: a reload follows them on. */
  runningJobs: Partial<Record<JobPurpose, string>>;
}

const KEY = "takt-workbench";

function initialLang(): Lang {
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

let state: AppState = {
  lang: initialLang(),
  plant: null,
  plan: null,
  capacity: null,
  mrp: null,
  bottleneck: null,
  rush: null,
  review: null,
  scenarios: null,
  issued: null,
  timeLimitSeconds: 5,
  timing: "early",
  keepPlan: false,
  frozenUntil: null,
  runningJobs: {},
};
const listeners = new Set<() => void>();
let saving: Promise<void> = Promise.resolve();

/** Reads the kept state; call once before the first render. */
export async function loadState(): Promise<void> {
  try {
    const kept = await get<Partial<AppState>>(KEY);
    if (kept) state = { ...state, ...kept };
  } catch (error) {
    // Private windows may refuse IndexedDB: the workbench still works, it just forgets on reload.
    console.warn("workbench state is not kept:", error);
  }
}

export function getState(): AppState {
  return state;
}

/** Applies a change, re-renders the subscribers and keeps the result (writes are queued, never interleaved). */
export function update(change: Partial<AppState> | ((current: AppState) => Partial<AppState>)): void {
  state = { ...state, ...(typeof change === "function" ? change(state) : change) };
  for (const listener of listeners) listener();
  const snapshot = state;
  saving = saving.then(() => set(KEY, snapshot)).catch((error: unknown) => console.warn("workbench state not saved:", error));
}

/** Resolves once every change so far is kept (tests and the benchmark wait on it before reloading). */
export function saved(): Promise<void> {
  return saving;
}

/** The state, re-rendering the component at every change. */
export function useAppState(): AppState {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return state;
}
