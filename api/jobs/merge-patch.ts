/**
 * JSON Merge Patch (RFC 7386), extended for factory models: an array whose elements are all objects with a
 * string `id` (resources, calendars, orders, operations) — or, lacking ids, a string `item` (routings,
 * bottleneck products) — may be patched by an OBJECT keyed by those ids:
 *
 *     { "resources": { "CGL": { "units": 2 } }, "orders": { "SO-26-007": null } }
 *
 * patches the element whose id is "CGL" and removes order SO-26-007, leaving every other element as it is.
 * A key naming no element is a problem reported with its path (a typo must not silently patch nothing), and
 * so is an object patch on a list of records without ids (BOM lines), which RFC 7386 would silently turn
 * into an object. Other arrays (empty, or of plain values) get the RFC's treatment.
 * An array in the patch still replaces the target array wholesale, as in RFC 7386; that is how elements
 * are added. The target is never mutated: patched parts are copied, untouched parts are shared.
 */
import type { Problem } from "../../src/problem.ts";
import { formatPath } from "../../src/problem.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface MergePatchResult {
  value: unknown;
  /** Keys naming an element that does not exist, by their path in the patch (`resources.CGX`). */
  problems: Problem[];
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The field an array's elements are keyed by, or undefined when the array is not id-keyed. */
export function arrayKeyField(array: ReadonlyArray<unknown>): "id" | "item" | undefined {
  if (array.length === 0 || !array.every(isObject)) return undefined;
  const objects = array as JsonObject[];
  if (objects.every((element) => typeof element.id === "string")) return "id";
  if (objects.every((element) => typeof element.item === "string" && !("id" in element))) return "item";
  return undefined;
}

export function applyMergePatch(target: unknown, patch: unknown): MergePatchResult {
  const problems: Problem[] = [];
  const value = merge(target, patch, [], problems);
  return { value, problems };
}

function merge(target: unknown, patch: unknown, path: PropertyKey[], problems: Problem[]): unknown {
  if (!isObject(patch)) return patch;
  if (Array.isArray(target)) {
    const keyField = arrayKeyField(target);
    if (keyField) return mergeKeyedArray(target as JsonObject[], keyField, patch, path, problems);
    if (target.length > 0 && target.every(isObject)) {
      for (const key of Object.keys(patch)) {
        problems.push({ path: formatPath([...path, key]), message: "the array's elements have no string `id` (or `item`) to patch them by; give the whole array instead" });
      }
      return target;
    }
  }
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    // defineProperty, not assignment: a "__proto__" key in a patch must stay data, never become a prototype.
    else Object.defineProperty(result, key, { value: merge(result[key], value, [...path, key], problems), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function mergeKeyedArray(target: JsonObject[], keyField: "id" | "item", patch: JsonObject, path: PropertyKey[], problems: Problem[]): Json[] {
  const result: Array<Json | undefined> = [...target];
  for (const [key, value] of Object.entries(patch)) {
    const index = target.findIndex((element) => element[keyField] === key);
    if (index < 0) {
      problems.push({ path: formatPath([...path, key]), message: `no element with ${keyField} "${key}" to patch (there are: ${listIds(target, keyField)})` });
      continue;
    }
    result[index] = value === null ? undefined : (merge(target[index], value, [...path, key], problems) as Json);
  }
  return result.filter((element): element is Json => element !== undefined);
}

function listIds(target: JsonObject[], keyField: "id" | "item"): string {
  const ids = target.map((element) => String(element[keyField]));
  return ids.length > 12 ? `${ids.slice(0, 12).join(", ")}, … ${ids.length - 12} more` : ids.join(", ");
}
