import { z } from "zod";
import { ValidateResponse } from "../../src/factory.ts";
import { defineCapability, runTask } from "../capability.ts";

/** Any JSON object: finding what is wrong with it is this route's job, so only a non-object is a 400. */
export const FactoryModelDraft = z
  .looseObject({})
  .meta({ id: "FactoryModelDraft", description: "A factory model to check against the FactoryModel schema and its references" });

export const validate = defineCapability({
  command: "validate",
  url: "/v1/validate",
  summary: "Check a factory model",
  description:
    "Checks a factory model (calendars, resources, items, BOM, routings, orders; see the FactoryModel schema) and lists every problem with its JSON path: " +
    "shape problems first; when the shape is right, every reference problem (unknown resource or calendar, duplicate id, BOM cycle, order without routing). " +
    "A body that is not a JSON object is a 400 like on every route; a wrong model is a 200 with `valid: false`.",
  request: FactoryModelDraft,
  response: ValidateResponse,
  run: runTask("validate", 30_000),
});
