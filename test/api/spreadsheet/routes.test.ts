import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { readXlsx } from "../../../api/spreadsheet/xlsx-reader.ts";
import { XLSX_MEDIA_TYPE, xlsxChunks } from "../../../api/spreadsheet/xlsx-writer.ts";
import { plantTables } from "../../../solver/workbook/plant-workbook.ts";
import { Plant } from "../../../src/plant.ts";
import { ScheduleRequest, ScheduleResponse } from "../../../src/schedule.ts";
import { post, testApp } from "../../helpers/app.ts";
import { demo } from "../../helpers/demo.ts";
import { submit, waitFor } from "../jobs-helpers.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

// The iteration cap ends each search (so two requests get the same plan); the limit is only a safety net for a loaded machine.
const quick = { timeLimitSeconds: 30, workers: 1, seed: 1, maxIterations: 30 };

describe("POST /v1/import", () => {
  it("answers the plant of a workbook, which /v1/schedule takes as it is", async () => {
    const plant = demo("steel-plant");
    const res = await app.inject({ method: "POST", url: "/v1/import", headers: { "content-type": XLSX_MEDIA_TYPE }, payload: Buffer.concat(xlsxChunks(plantTables(plant))) });
    expect(res.statusCode).toBe(200);
    const { model, warnings } = res.json() as { model: Record<string, unknown>; warnings: unknown[] };
    expect(warnings).toEqual([]);
    expect(Plant.parse(model)).toEqual(Plant.parse(plant));
    const scheduled = await post(app, "/v1/schedule", { ...model, options: quick });
    expect(scheduled.statusCode).toBe(200);
  });

  it("is a 415, unread, for a body that is not sent as a workbook (a form another site could post)", async () => {
    for (const type of ["text/plain", "multipart/form-data; boundary=x", "application/json"]) {
      const res = await app.inject({ method: "POST", url: "/v1/import", headers: { "content-type": type }, payload: "x" });
      expect(res.statusCode, type).toBe(415);
    }
  });

  it("is a 400 for a file that is not a workbook", async () => {
    const res = await app.inject({ method: "POST", url: "/v1/import", headers: { "content-type": XLSX_MEDIA_TYPE }, payload: Buffer.from("not a zip at all") });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "TAKT_ERR_UNREADABLE_FILE" });
  });
});

describe("Accept: text/csv and XLSX on /v1/schedule", () => {
  it("answers the dispatch list as CSV, the same plan as the JSON answer", async () => {
    const plant = { ...demo("steel-plant"), options: quick };
    const json = ScheduleResponse.parse((await post(app, "/v1/schedule", plant)).json());
    expect(validateSchedule(ScheduleRequest.parse(plant), json)).toEqual([]);
    const res = await app.inject({ method: "POST", url: "/v1/schedule", headers: { "content-type": "application/json", accept: "text/csv" }, payload: JSON.stringify(plant) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    const rows = parse(res.body, { bom: true, columns: true }) as Array<Record<string, string> & { order: string; operation: string }>;
    expect(rows).toHaveLength(json.operations.length);
    const key = (o: { order: string; operation: string }) => `${o.order}/${o.operation}`;
    const byKey = new Map(json.operations.map((o) => [key(o), o]));
    for (const row of rows) {
      const op = byKey.get(key(row))!;
      expect([row.resource, Number(row.unit), row.start, row.end]).toEqual([op.resource, op.unit, op.start.replace("T", " "), op.end.replace("T", " ")]);
    }
  });

  it("answers a workbook with the dispatch and orders sheets", async () => {
    const plant = { ...demo("steel-plant"), options: quick };
    const res = await app.inject({ method: "POST", url: "/v1/schedule", headers: { "content-type": "application/json", accept: XLSX_MEDIA_TYPE }, payload: JSON.stringify(plant) });
    expect(res.statusCode).toBe(200);
    const sheets = readXlsx(res.rawPayload);
    expect(sheets.map((s) => s.name)).toEqual(["dispatch", "orders"]);
    expect(sheets[1]!.rows.length).toBe(1 + demo("steel-plant").orders.length);
  });
});

describe("Accept on the other answers", () => {
  it("/v1/capacity as CSV: the load table, a row per resource and bucket", async () => {
    const plant = demo("steel-plant");
    const res = await app.inject({ method: "POST", url: "/v1/capacity", headers: { "content-type": "application/json", accept: "text/csv;q=0.9, application/json;q=0.5" }, payload: JSON.stringify(plant) });
    expect(res.statusCode).toBe(200);
    const rows = parse(res.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(plant.resources.length * plant.buckets.count);
    expect(rows.find((r) => r.resource === "CGL" && r.bucket === "1")).toMatchObject({ loadMinutes: "4401", availableMinutes: "4050", overloadMinutes: "351" });
  });

  it("/v1/mrp as XLSX: planned orders, exceptions, the follow-up list and records, as many as the JSON answer has", async () => {
    const plant = demo("appliance-plant");
    const json = (await post(app, "/v1/mrp", plant)).json() as { plannedOrders: unknown[]; exceptions: unknown[]; followUp: unknown[]; items: Record<string, unknown> };
    const res = await app.inject({ method: "POST", url: "/v1/mrp", headers: { "content-type": "application/json", accept: XLSX_MEDIA_TYPE }, payload: JSON.stringify(plant) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="mrp.xlsx"');
    const sheets = readXlsx(res.rawPayload);
    expect(sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ["planned-orders", 1 + json.plannedOrders.length],
      ["exceptions", 1 + json.exceptions.length],
      ["follow-up", 1 + json.followUp.length],
      ["records", 1 + 6 * Object.keys(json.items).length],
    ]);
  });

  it("a 400 for a bad body and JSON for routes without spreadsheets", async () => {
    const bad = await app.inject({ method: "POST", url: "/v1/mrp", headers: { "content-type": "application/json", accept: "text/csv" }, payload: "{}" });
    expect(bad.statusCode).toBe(400);
    const validate = await app.inject({ method: "POST", url: "/v1/validate", headers: { "content-type": "application/json", accept: "text/csv" }, payload: "{}" });
    expect(validate.headers["content-type"]).toMatch(/json/);
  });

  it("GET /v1/jobs/:id gives a finished job's result as CSV, and the job as JSON without the header", async () => {
    const plant = { ...demo("steel-plant"), options: quick };
    const id = await submit(app, "schedule", plant);
    const job = await waitFor(app, id);
    expect(job.status).toBe("done");
    const res = await app.inject({ method: "GET", url: `/v1/jobs/${id}`, headers: { accept: "text/csv" } });
    expect(res.statusCode).toBe(200);
    const rows = parse(res.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength((job.result as ScheduleResponse).operations.length);
  });
});

describe("POST /v1/export", () => {
  it("writes a schedule answer sent with its model; an answer of no known kind is a 400", async () => {
    const plant = { ...demo("steel-plant"), options: quick };
    const answer = (await post(app, "/v1/schedule", plant)).json();
    const res = await post(app, "/v1/export", { answer, model: plant });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(XLSX_MEDIA_TYPE);
    expect(readXlsx(res.rawPayload).map((s) => s.name)).toEqual(["dispatch", "orders"]);
    const unknown = await post(app, "/v1/export", { answer: { hello: 1 } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ problems: [{ path: "answer" }] });
  });
});
