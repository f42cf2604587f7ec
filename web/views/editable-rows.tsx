/**
 * A table of rows the planner edits in place (rush orders, candidate orders, scenarios): one labelled input
 * or choice per field, a Remove button per row. Each view says what its fields are; this draws them.
 */
import type { MessageKey, Translate } from "../i18n.ts";

export interface Field<Row> {
  label: MessageKey;
  /** text, number (empty → null), datetime-local, or a choice among `choices` ("" shown as —). */
  kind: "text" | "number" | "datetime" | "choice";
  get(row: Row): string | number | null | undefined;
  /** The row with this field set to what was entered (numbers parsed; empty number fields are null). */
  set(row: Row, value: string): Row;
  required?: boolean;
  min?: number;
  choices?: ReadonlyArray<{ value: string; label?: string }>;
}

export function EditableRows<Row>({ t, rows, fields, onChange }: { t: Translate; rows: ReadonlyArray<Row>; fields: ReadonlyArray<Field<Row>>; onChange(rows: Row[]): void }) {
  const setField = (i: number, field: Field<Row>, value: string) => onChange(rows.map((row, j) => (i === j ? field.set(row, value) : row)));
  return (
    <table>
      <thead>
        <tr>
          {fields.map((field) => (
            <th key={field.label}>{t(field.label)}</th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {fields.map((field) => {
              const value = field.get(row) ?? "";
              const common = { "aria-label": t(field.label), required: field.required ?? false, onChange: (e: Event) => setField(i, field, (e.currentTarget as HTMLInputElement).value) };
              return (
                <td key={field.label}>
                  {field.kind === "choice" ? (
                    <select value={value} {...common}>
                      {(field.choices ?? []).map((choice) => (
                        <option key={choice.value} value={choice.value}>
                          {choice.label ?? (choice.value || "—")}
                        </option>
                      ))}
                    </select>
                  ) : field.kind === "number" ? (
                    <input type="number" value={value} step="any" {...(field.min === undefined ? {} : { min: field.min })} {...common} />
                  ) : field.kind === "datetime" ? (
                    <input type="datetime-local" value={value} {...common} />
                  ) : (
                    <input type="text" value={value} {...common} />
                  )}
                </td>
              );
            })}
            <td>
              <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                {t("form.remove")}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An empty number field is null. */
export const numberOrNull = (value: string): number | null => (value.trim() === "" ? null : Number(value));

/** The fields every order has, for rush orders and candidates alike; `due` under the label given. */
export function orderFields<Row extends { id: string; item: string; quantity: number; due: string; priority?: number | undefined }>(items: ReadonlyArray<string>, dueLabel: MessageKey): Array<Field<Row>> {
  return [
    { label: "orders.order", kind: "text", required: true, get: (o) => o.id, set: (o, id) => ({ ...o, id }) },
    { label: "orders.item", kind: "choice", choices: items.map((value) => ({ value })), get: (o) => o.item, set: (o, item) => ({ ...o, item }) },
    { label: "orders.quantity", kind: "number", required: true, min: 0.001, get: (o) => o.quantity, set: (o, v) => ({ ...o, quantity: Number(v) }) },
    { label: dueLabel, kind: "datetime", required: true, get: (o) => o.due, set: (o, due) => ({ ...o, due }) },
    { label: "orders.priority", kind: "choice", choices: ["1", "2", "3", "4", "5"].map((value) => ({ value })), get: (o) => String(o.priority ?? 3), set: (o, v) => ({ ...o, priority: Number(v) }) },
  ];
}
