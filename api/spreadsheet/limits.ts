/**
 * Bounds on spreadsheets read by `takt import` and `POST /v1/import` (issue 18), so that an upload never
 * takes the host's memory: a workbook is read whole, so its size, what it unpacks to and the cells it
 * fills are capped. An ERP-sized plant (100,000 items with 17 columns) fits; larger plants come as JSON.
 */
export const IMPORT_LIMITS = {
  /** Largest XLSX upload (the body of POST /v1/import) and largest CSV file, bytes: 32 MiB. */
  maxFileBytes: 32 * 1024 * 1024,
  /** Most XML the parts read may unpack to, bytes (a zip bomb stops here): 256 MiB. */
  maxInflatedBytes: 256 * 1024 * 1024,
  /** Most filled cells over the whole workbook: 2,000,000. */
  maxCells: 2_000_000,
  /** Rows and columns of one sheet: Excel's own limits. */
  maxRows: 1_048_576,
  maxColumns: 16_384,
} as const;
