/** Plans a request and reads the response back as the client does: JSON.parse of writeMrpResponse's bytes. */
import type { MrpItemRecord, MrpRequest, MrpResponse } from "../../../src/mrp.ts";
import type { Order } from "../../../src/order.ts";
import { computeMaterialPlan } from "../../../solver/mrp/plan-materials.ts";
import { writeMrpResponse } from "../../../solver/mrp/write-response.ts";

/** The chunks as one string; a multi-byte character may straddle two chunks. */
export function decodeChunks(chunks: ReadonlyArray<Uint8Array>): string {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  return chunks.map((chunk, k) => decoder.decode(chunk, { stream: k < chunks.length - 1 })).join("");
}

/** A response whose records are objects (options.format "objects", the default). */
export type MrpObjectsResponse = Omit<MrpResponse, "items"> & { items: Record<string, MrpItemRecord> };

export function planJson(request: MrpRequest): MrpObjectsResponse {
  return JSON.parse(decodeChunks(writeMrpResponse(request, computeMaterialPlan(request)))) as MrpObjectsResponse;
}

/**
 * Issue 5's closing-the-loop mapping worked independently of the writer: each planned MAKE order as an
 * order for its start quantity, due at its receipt date and released at its release date, both at 00:00.
 */
export function expectedOrders(plannedOrders: MrpResponse["plannedOrders"]): Order[] {
  return plannedOrders
    .filter((planned) => planned.source === "make")
    .map((planned) => ({
      id: planned.id,
      item: planned.item,
      quantity: planned.startQuantity,
      due: `${planned.receiptDate}T00:00`,
      release: `${planned.releaseDate}T00:00`,
      priority: 3,
      kind: "standard" as const,
    }));
}
