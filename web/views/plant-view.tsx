/**
 * Open a plant: a demo in one click, or a factory JSON file (picker or drag and drop). The file is checked by
 * /v1/validate and shown as tables whose cells carry the problems that name them (`orders[3].due` beside
 * order 3's due date); problems naming nothing shown are listed above.
 */
import { useState } from "preact/hooks";
import appliancePlant from "../../data/appliance-plant.json" with { type: "json" };
import steelPlant from "../../data/steel-plant.json" with { type: "json" };
import { ApiError, postFile, postJson, XLSX_MEDIA_TYPE } from "../api.ts";
import type { MessageKey, Translate } from "../i18n.ts";
import type { Plant } from "../model.ts";
import type { Problem } from "../store.ts";
import { update, useAppState } from "../store.ts";
import type { ProblemsByPath } from "./problems.ts";
import { placeOf, problemsByPath } from "./problems.ts";

const DEMOS = [
  { id: "steel", label: "plant.demoSteel", model: steelPlant as unknown as Plant },
  { id: "appliance", label: "plant.demoAppliance", model: appliancePlant as unknown as Plant },
] as const satisfies ReadonlyArray<{ id: string; label: MessageKey; model: Plant }>;

/** Makes `model` the working plant: every answer about the previous one is dropped, then it is validated. */
async function openPlant(model: Plant, source: string): Promise<void> {
  update({ plant: { model, source, validation: null }, plan: null, capacity: null, mrp: null, bottleneck: null, rush: null, review: null, scenarios: null });
  try {
    const validation = await postJson<{ valid: boolean; problems: Problem[] }>("/v1/validate", model);
    update((s) => (s.plant?.model === model ? { plant: { ...s.plant, validation } } : {}));
  } catch (error) {
    const problems = error instanceof ApiError ? [...error.problems] : [];
    update((s) => (s.plant?.model === model ? { plant: { ...s.plant, validation: { valid: false, problems: problems.length ? problems : [{ path: "$", message: String((error as Error).message) }] } } } : {}));
  }
}

export function PlantView({ t }: { t: Translate }) {
  const state = useAppState();
  const [fileError, setFileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [importProblems, setImportProblems] = useState<Problem[]>([]);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setFileError(null);
    setImportProblems([]);
    if (/\.xlsx$/i.test(file.name)) {
      // A planners' workbook: Takt reads it (POST /v1/import), naming every problem by its cell.
      try {
        const imported = await postFile<{ model: Plant; warnings: Problem[] }>("/v1/import", file, XLSX_MEDIA_TYPE);
        await openPlant(imported.model, file.name);
        setImportProblems(imported.warnings);
      } catch (error) {
        setFileError(t("plant.notWorkbook", { file: file.name, message: (error as Error).message }));
        setImportProblems(error instanceof ApiError ? [...error.problems] : []);
      }
      return;
    }
    let model: unknown;
    try {
      model = JSON.parse(await file.text());
    } catch (error) {
      setFileError(t("plant.notJson", { file: file.name, message: (error as Error).message }));
      return;
    }
    if (model === null || typeof model !== "object" || Array.isArray(model)) {
      setFileError(t("plant.notObject", { file: file.name }));
      return;
    }
    await openPlant(model as Plant, file.name);
  };

  const plant = state.plant;
  return (
    <section aria-labelledby="plant-title">
      <h2 id="plant-title">{t("plant.title")}</h2>
      <div class="open-plant">
        <div class="card">
          <h3>{t("plant.demos")}</h3>
          {DEMOS.map((demo) => (
            <button type="button" class="primary" key={demo.id} data-testid={`load-demo-${demo.id}`} onClick={() => void openPlant(demo.model, `demo:${demo.id}`)}>
              {t(demo.label)}
            </button>
          ))}
        </div>
        <section
          class={`card drop-zone${dragging ? " dragging" : ""}`}
          aria-label={t("plant.file")}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void readFile(e.dataTransfer?.files[0]);
          }}
        >
          <h3>{t("plant.file")}</h3>
          <p>{t("plant.fileHint")}</p>
          <input type="file" accept=".json,application/json,.xlsx" data-testid="plant-file" aria-label={t("plant.file")} onChange={(e) => void readFile((e.currentTarget as HTMLInputElement).files?.[0])} />
          {fileError && (
            <p class="error" role="alert">
              {fileError}
            </p>
          )}
          {importProblems.length > 0 && (
            <ul class="problems" data-testid="import-problems">
              {importProblems.map((p) => (
                <li key={p.path + p.message}>
                  <code>{p.path}</code> {p.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {plant && <PlantDetails t={t} model={plant.model} validation={plant.validation} />}
    </section>
  );
}

function PlantDetails({ t, model, validation }: { t: Translate; model: Plant; validation: { valid: boolean; problems: Problem[] } | null }) {
  const problems = problemsByPath(validation?.problems ?? []);
  const shown = new Set(["resources", "calendars", "routings", "orders", "items"]);
  const elsewhere = (validation?.problems ?? []).filter((p) => !shown.has(placeOf(p.path)?.section ?? ""));
  return (
    <>
      <div class="card plant-summary">
        <h3>{model.name ?? t("plant.unnamed")}</h3>
        {model.description && <p>{model.description}</p>}
        <p>
          {t("plant.counts", {
            resources: model.resources?.length ?? 0,
            calendars: model.calendars?.length ?? 0,
            items: model.items?.length ?? 0,
            routings: model.routings?.length ?? 0,
            orders: model.orders?.length ?? 0,
          })}
        </p>
        <p data-testid="validation" role="status">
          {validation === null ? t("plant.validating") : validation.valid ? <span class="ok">✓ {t("plant.valid")}</span> : <span class="bad">✗ {t("plant.problems", { count: validation.problems.length })}</span>}
          {validation?.valid && (
            <>
              {" "}
              {t("plant.next")} <a href="#plan">{t("nav.plan")}</a>
            </>
          )}
        </p>
        {elsewhere.length > 0 && (
          <ul class="problems">
            {elsewhere.map((p) => (
              <li key={p.path + p.message}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <ModelTable
        t={t}
        title="plant.resources"
        section="resources"
        rows={model.resources ?? []}
        problems={problems}
        columns={[
          ["id", "plant.id", (r) => r.id],
          ["name", "plant.name", (r) => r.name ?? ""],
          ["calendar", "plant.calendar", (r) => r.calendar],
          ["efficiency", "plant.efficiency", (r) => String(r.efficiency ?? 1)],
          ["units", "plant.units", (r) => String(r.units ?? 1)],
        ]}
      />
      <ModelTable
        t={t}
        title="plant.calendars"
        section="calendars"
        rows={model.calendars ?? []}
        problems={problems}
        columns={[
          ["id", "plant.id", (c) => c.id],
          ["shifts", "plant.shifts", (c) => Object.entries(c.shifts ?? {}).map(([day, shifts]) => `${day} ${shifts?.map((s) => `${s.start}–${s.end}`).join(", ") || "—"}`).join(" · ")],
          ["exceptions", "plant.exceptions", (c) => (c.exceptions ?? []).map((e) => `${e.date}: ${e.shifts.length === 0 ? "—" : e.shifts.map((s) => `${s.start}–${s.end}`).join(", ")}`).join(" · ")],
        ]}
      />
      <ModelTable
        t={t}
        title="plant.items"
        section="items"
        rows={model.items ?? []}
        problems={problems}
        columns={[
          ["id", "plant.id", (i) => i.id],
          ["name", "plant.name", (i) => i.name ?? ""],
          ["unit", "plant.unit", (i) => i.unit ?? ""],
          ["source", "plant.source", (i) => i.source ?? ""],
        ]}
      />
      <ModelTable
        t={t}
        title="plant.routings"
        section="routings"
        rows={model.routings ?? []}
        problems={problems}
        columns={[
          ["item", "orders.item", (r) => r.item],
          ["operations", "plant.operations", (r) => r.operations.map((o) => `${o.id} (${o.resources.join("/")})`).join(" → ")],
        ]}
      />
      <ModelTable
        t={t}
        title="plant.orders"
        section="orders"
        rows={model.orders ?? []}
        problems={problems}
        columns={[
          ["id", "plant.id", (o) => o.id],
          ["customer", "orders.customer", (o) => o.customer ?? ""],
          ["item", "orders.item", (o) => o.item],
          ["quantity", "orders.quantity", (o) => String(o.quantity)],
          ["due", "orders.due", (o) => o.due],
          ["priority", "orders.priority", (o) => String(o.priority ?? 3)],
        ]}
      />
    </>
  );
}

/** Rows shown per table; rows with problems are always shown. */
const MAX_ROWS = 200;

type Column<Row> = readonly [field: string, label: MessageKey, text: (row: Row) => string];

function ModelTable<Row>({ t, title, section, rows, columns, problems }: { t: Translate; title: MessageKey; section: string; rows: ReadonlyArray<Row>; columns: ReadonlyArray<Column<Row>>; problems: ProblemsByPath }) {
  if (rows.length === 0 && !problems.has(section)) return null;
  const sectionProblems = problems.get(section);
  const indexes = rows.map((_, i) => i).filter((i) => i < MAX_ROWS || sectionProblems?.has(i));
  return (
    <details class="card model-table" open={Boolean(sectionProblems)}>
      <summary>
        <h3>
          {t(title)} ({rows.length}){sectionProblems && <span class="bad"> · {t("plant.problems", { count: [...sectionProblems.values()].reduce((n, m) => n + [...m.values()].flat().length, 0) })}</span>}
        </h3>
      </summary>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th>#</th>
              {columns.map(([field, label]) => (
                <th key={field}>{t(label)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {indexes.map((i) => {
              const rowProblems = sectionProblems?.get(i);
              const unplaced = rowProblems ? [...rowProblems.entries()].filter(([field]) => !columns.some(([f]) => f === field)).flatMap(([field, messages]) => messages.map((m) => `${field ? `${field}: ` : ""}${m}`)) : [];
              return [
                <tr key={i} class={rowProblems ? "has-problem" : undefined} data-path={`${section}[${i}]`}>
                  <td>{i}</td>
                  {columns.map(([field, , text]) => {
                    const messages = rowProblems?.get(field);
                    return (
                      <td key={field} class={messages ? "problem-cell" : undefined}>
                        {text(rows[i]!)}
                        {messages?.map((m) => (
                          <span class="problem" role="note" key={m}>
                            {m}
                          </span>
                        ))}
                      </td>
                    );
                  })}
                </tr>,
                unplaced.length > 0 && (
                  <tr key={`${i}-problems`} class="has-problem">
                    <td />
                    <td colSpan={columns.length}>
                      {unplaced.map((m) => (
                        <span class="problem" role="note" key={m}>
                          {m}
                        </span>
                      ))}
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
        {rows.length > indexes.length && <p class="muted">{t("plant.moreRows", { count: rows.length - indexes.length })}</p>}
      </div>
    </details>
  );
}
