import { readFileSync } from "node:fs";

/** A demo factory from data/, parsed fresh each call so tests may modify it. */
export function demo(name: "steel-plant" | "appliance-plant"): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`../../data/${name}.json`, import.meta.url), "utf8")) as Record<string, any>;
}
