/**
 * /v1/validate's problems by where they point: `orders[3].due` → section "orders", row 3, field "due"; a path
 * deeper than a field (`resources[1].setupMatrix.changeovers[0].minutes`) belongs to the field it starts with,
 * a path ending at the row (`orders[3]`) to the field "".
 */
export type ProblemsByPath = Map<string, Map<number, Map<string, string[]>>>;

const PATH = /^([A-Za-z_$][\w$]*)\[(\d+)\](?:\.([A-Za-z_$][\w$]*))?/;

/** Where a problem's path points, or null when it names no row of a list. */
export function placeOf(path: string): { section: string; row: number; field: string } | null {
  const match = PATH.exec(path);
  return match ? { section: match[1]!, row: Number(match[2]), field: match[3] ?? "" } : null;
}

export function problemsByPath(problems: ReadonlyArray<{ path: string; message: string }>): ProblemsByPath {
  const sections: ProblemsByPath = new Map();
  for (const { path, message } of problems) {
    const place = placeOf(path);
    if (!place) continue;
    const { section, row, field } = place;
    const rows = sections.get(section) ?? new Map<number, Map<string, string[]>>();
    sections.set(section, rows);
    const fields = rows.get(row) ?? new Map<string, string[]>();
    rows.set(row, fields);
    fields.set(field, [...(fields.get(field) ?? []), message]);
  }
  return sections;
}
