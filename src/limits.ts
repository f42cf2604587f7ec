/**
 * Every bound on a request, in one place (issue 13). One request's worst case must fit the machine: a number
 * with no maximum (a resource with 2,000,000,000 units, 10,000,000 MRP buckets) once made one 30 KB request
 * allocate gigabytes in a solver thread. Each bound is sized from the largest plant a benchmark or a real ERP
 * export needs, with room to spare, and says why.
 *
 * Two kinds of enforcement, both documented in the OpenAPI document:
 * - per field, by the zod schemas (`.max(...)` with a description): a 400 naming the path;
 * - totals over a request (Σ units, operations to schedule, BOM depth, MRP cells, horizon length), by the
 *   semantic checks (src/check-limits.ts): a 422 naming the culprit.
 * The README's "Limits" section lists them all; test/src/limits.test.ts checks that it names each one.
 *
 * To bound a new field: add its constant here (with why), use it in the schema with `.max()` (or a helper
 * below), and list it in the README.
 */
import { z } from "zod";

// ——— Identifiers and texts ———

/** Characters in an id or a reference to one. ERP keys are short; the planned-order ids MRP derives from them must stay short too. */
export const MAX_ID_LENGTH = 200;
/** Characters in a free text (a name, a customer, a label). */
export const MAX_TEXT_LENGTH = 2000;

// ——— The factory model ———

/** Calendars per request: a plant has a few shift patterns, a group of plants some dozens. */
export const MAX_CALENDARS = 1000;
/** Shifts per weekday or exception date (a day has at most 24 one-hour shifts worth naming). */
export const MAX_SHIFTS_PER_DAY = 24;
/** Breaks per shift. */
export const MAX_BREAKS_PER_SHIFT = 24;
/** Dated exceptions per calendar: every day of ten years. */
export const MAX_CALENDAR_EXCEPTIONS = 3660;
/** Resources (work centres) per request. */
export const MAX_RESOURCES = 10_000;
/**
 * Identical parallel units of one resource. Every unit is a machine the scheduler keeps a queue and arrays
 * for; 2,000,000,000 units once made the scheduler allocate gigabytes (issue 13, case 1).
 */
export const MAX_UNITS_PER_RESOURCE = 1000;
/** Σ units over all resources (422): the scheduler's machines. */
export const MAX_TOTAL_UNITS = 20_000;
/** Pools (crews, operators, tools; issue 21) per request: the decoder keeps a load profile for each. */
export const MAX_POOLS = 1000;
/** Units of one pool: a plant's whole workforce or tool crib, with room to spare. */
export const MAX_POOL_UNITS = 10_000;
/** Time-of-day windows with their own units in one pool (one per shift is the use; 24 covers every hour). */
export const MAX_UNITS_BY_SHIFT = 24;
/** Skills named by one pool (informative). */
export const MAX_POOL_SKILLS = 100;
/** Pools one operation requires at once (an operator, a crane, a fixture, …): each is checked at every placement. */
export const MAX_REQUIREMENTS = 16;
/** Efficiency factor of a resource (1 = standard speed). */
export const MAX_EFFICIENCY = 100;
/** Smallest efficiency factor: work divides by it, and 5e-324 made an operation's minutes Infinity. */
export const MIN_EFFICIENCY = 0.01;
/** Changeover families over all routings and setup matrices (422). */
export const MAX_FAMILIES = 1000;
/** Changeover entries in one resource's setup matrix. */
export const MAX_CHANGEOVERS = 100_000;
/** Σ families² over the resources with a setup matrix (422): each is a dense family × family table in the scheduler. */
export const MAX_SETUP_MATRIX_CELLS = 10_000_000;
/** Items per request: twice the 100,000-item MRP benchmark. */
export const MAX_ITEMS = 200_000;
/** BOM lines per request: over three times the 300,000-line MRP benchmark. */
export const MAX_BOM_LINES = 1_000_000;
/** Levels of the BOM, the longest parent → component chain (422). Bottleneck roll-up does 10,000 levels in well under a second. */
export const MAX_BOM_DEPTH = 10_000;
/**
 * Units of an item one unit of the BOM's top items can need, through every path, scrap included (422).
 * Quantities multiply down the levels; a lattice of 2 × 2 lines per level doubles them at each one, and
 * 1,100 levels of that pass the largest double. Well above any real BOM (a screw used 10 times in 1,000
 * products is 10,000).
 */
export const MAX_BOM_EXPLOSION = 1e12;
/** Component units per parent unit on one BOM line. */
export const MAX_BOM_QUANTITY = 1e6;
/** Routings per request (one per item). */
export const MAX_ROUTINGS = MAX_ITEMS;
/** Operations in one routing. */
export const MAX_OPERATIONS_PER_ROUTING = 500;
/** Alternative resources of one operation. */
export const MAX_ALTERNATIVES = 100;
/** BOM components one operation names as consumed at its start (issue 14). */
export const MAX_CONSUMED_COMPONENTS = 1000;
/**
 * Parts a split operation may be divided into (issue 16). Each part is an operation the scheduler places; the
 * operations to schedule (MAX_SCHEDULED_OPERATIONS) count every part a split may make.
 */
export const MAX_SPLIT_PARTS = 64;
/** Orders per request: ten times the 10,000-order scheduling benchmark. */
export const MAX_ORDERS = 100_000;
/**
 * Operations to schedule (422): Σ routing length over the orders (and rush orders or candidates), a split
 * operation counting the most parts it may make. Construction
 * takes about 0.9 s per 50,000 on the benchmark machine; the 50,000-order plant of 5 operations fits.
 */
export const MAX_SCHEDULED_OPERATIONS = 250_000;
/** Shop-floor progress entries and operations of a given plan (at most one per operation to schedule). */
export const MAX_PROGRESS_ENTRIES = MAX_SCHEDULED_OPERATIONS;

// ——— Numbers ———

/** Any quantity: order quantity, demand, stock, receipts, lot sizes (units of the item: pieces, tonnes, metres). */
export const MAX_QUANTITY = 1e9;
/**
 * Smallest lot size and lot multiple: a lot divides a requirement into whole lots, and a lot of 5e-324 units
 * made that count overflow to Infinity (found by the fuzzer). A millionth of a unit is below any real lot.
 */
export const MIN_LOT_QUANTITY = 1e-6;
/** Quantity of material in a receipt or a reservation, in the item's unit (grams of a tonnes-sized order fit). */
export const MAX_MATERIAL_QUANTITY = 1e12;
/** Longest staging (inspection, acclimatisation) of a received quantity: one year of elapsed minutes. */
export const MAX_STAGING_MINUTES = 366 * 1440;
/** Any duration in minutes: setup, run per unit, gaps, changeovers, remaining work, buffers. One leap year. */
export const MAX_DURATION_MINUTES = 527_040;
/** Any amount of money: prices, costs per unit or minute, operating expense. */
export const MAX_MONEY = 1e12;
/** Share of started units lost to scrap: at 0.99 a hundred are started per good one. */
export const MAX_SCRAP_RATE = 0.99;
/**
 * Days a request's time span may cover (422): the scheduler's calendar horizon (plan start to the end of the
 * latest work, and back to the earliest progress), capacity and MRP buckets, the bottleneck period, the
 * review horizon. Ten years; a plan that does not fit is `infeasible`, not a runaway.
 */
export const MAX_HORIZON_DAYS = 3660;
/** Engineering days and accepted delay days of an order review. */
export const MAX_DAYS = MAX_HORIZON_DAYS;

// ——— Capabilities ———

/** Search time a request may ask for, seconds (schedule, base schedule, rush-insertion trade-offs). */
export const MAX_TIME_LIMIT_SECONDS = 3600;
/** Independent searches of one request: more than a machine has cores only wait for a thread. */
export const MAX_SEARCH_WORKERS = 16;
/** Improvement iterations a search may be capped at. */
export const MAX_ITERATIONS = 1_000_000_000;
/** Largest random seed (the generator takes 32 bits). */
export const MAX_SEED = 2 ** 32 - 1;
/** Capacity buckets; their span is bounded by MAX_HORIZON_DAYS too. */
export const MAX_CAPACITY_BUCKETS = 5000;
/** MRP buckets; their span is bounded by MAX_HORIZON_DAYS too. Wagner-Whitin and Silver-Meal are O(buckets²) per item. */
export const MAX_MRP_BUCKETS = 1000;
/** MRP record cells, items × buckets (422): twice the 100,000-item × 52-week benchmark, whose answer is 347 MB of JSON. */
export const MAX_MRP_CELLS = 10_400_000;
/** MRP demands, open receipts, firm planned orders (and the material model's receipts and reservations) per request. */
export const MAX_MRP_ENTRIES = 1_000_000;
/** Longest MRP planning time fence or release window, in buckets: a bound on the number (one longer than the horizon is a 422). */
export const MAX_FENCE_BUCKETS = 10_000;
/** Largest firm planned order, units. */
export const MAX_FIRM_QUANTITY = 1e12;
/** Largest receipt bucket of a firm planned order (the horizon's end decides first: a bucket past it is a 422). */
export const MAX_FIRM_BUCKET = 1_000_000;
/** Longest supplier follow-up window, working days (a year). */
export const MAX_FOLLOW_UP_DAYS = 366;
/**
 * Most pieces an MRP full pegging may make (24 bytes each, and the paths they make): beyond, it is refused
 * with a 422 naming options.pegging. The 100k-item benchmark plant, whose random BOM uses most parts at
 * several levels, would need 29 million pieces along 4.6 million paths (9 s, 5 GB); plants with tree-like
 * BOMs need a few per order.
 */
export const MAX_FULL_PEGS = 5_000_000;
/**
 * Elapsed minutes a re-planned operation's start may move against the reference plan without counting as a
 * change (issue 15): a week. A longer tolerance would count no move as a change at all; `stability: "free"` says that.
 */
export const MAX_MOVE_TOLERANCE_MINUTES = 7 * 1440;
/** Rush orders inserted at once: each is tried at every position of every unit of its operations. */
export const MAX_RUSH_ORDERS = 100;
/** Candidates, and changes, reviewed in one request: each is a capable-to-promise run on the plan. */
export const MAX_REVIEWS = 100;
/**
 * Search seconds of one order change to an earlier due date (issue 15): each such change is re-planned by its
 * own search, one after the other, so a review of MAX_REVIEWS changes may take a hundred times this. Ten minutes.
 */
export const MAX_CHANGE_REPLAN_SECONDS = 600;
/** Products of a bottleneck analysis: the integer product-mix LP has one variable each. */
export const MAX_PRODUCTS = 10_000;
/**
 * BOM lines below the products' items, summed over the products (422): the bottleneck roll-up walks each
 * product's part of the BOM once, about a second for 20 million lines. Products sharing one deep BOM count it
 * once each.
 */
export const MAX_ROLL_UP_LINES = 20_000_000;

// ——— Answers ———

/**
 * Problems listed in one 400 or 422 answer: the first ones, then how many more. 100,000 wrong entries would
 * otherwise make a 20 MB error answer out of a request.
 */
export const MAX_REPORTED_PROBLEMS = 1000;

// ——— Jobs and scenario batches ———

/** Bytes of one job's input JSON (16 MiB). */
export const MAX_JOB_INPUT_BYTES = 16 * 1024 * 1024;
/** Bytes of all inputs of one scenario batch together, after patching (64 MiB): every input is stored. */
export const MAX_BATCH_INPUT_BYTES = 64 * 1024 * 1024;
/** Variations in one scenario batch. */
export const MAX_VARIATIONS = 100;

// ——— Spreadsheet uploads (`takt import`, `POST /v1/import`) ———
// A workbook is read whole, so its size, what it unpacks to and the cells it fills are capped. An ERP-sized
// plant (100,000 items with 17 columns) fits; larger plants come as JSON.

/** Bytes of an uploaded workbook (the body of POST /v1/import) and of each CSV file (32 MiB). */
export const MAX_IMPORT_FILE_BYTES = 32 * 1024 * 1024;
/** Bytes of XML the parts read may unpack to (256 MiB): a zip bomb stops here. */
export const MAX_IMPORT_INFLATED_BYTES = 256 * 1024 * 1024;
/** Filled cells over the whole workbook. */
export const MAX_IMPORT_CELLS = 2_000_000;
/** Rows and columns of one sheet: Excel's own limits. */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_COLUMNS = 16_384;

// ——— Schema helpers ———

const grouped = (n: number) => n.toLocaleString("en-US");

/** An id or a reference to one: 1 to MAX_ID_LENGTH characters. */
export const Id = z.string().min(1).max(MAX_ID_LENGTH);

/** A free text of at most MAX_TEXT_LENGTH characters. */
export const Text = z.string().max(MAX_TEXT_LENGTH);

/** A list of at most `max` entries: `maxItems` in the OpenAPI document, and a 400 that says so. */
export function listOf<T extends z.ZodType>(entry: T, max: number, what: string) {
  return z.array(entry).max(max, `at most ${grouped(max)} ${what}`);
}

/** A finite non-negative number of at most `max`. */
export function upTo(max: number) {
  return z.number().finite().nonnegative().max(max);
}

/** A finite positive number of at most `max`. */
export function positiveUpTo(max: number) {
  return z.number().finite().positive().max(max);
}

/** A time limit in seconds, positive, at most MAX_TIME_LIMIT_SECONDS, 5 by default. */
export const TimeLimitSeconds = z.number().finite().positive().max(MAX_TIME_LIMIT_SECONDS).default(5);

/** Non-negative quantity of an item, at most MAX_QUANTITY. */
export const Quantity = upTo(MAX_QUANTITY);
/** Positive quantity of an item, at most MAX_QUANTITY. */
export const PositiveQuantity = positiveUpTo(MAX_QUANTITY);
/** A lot size or multiple: MIN_LOT_QUANTITY … MAX_QUANTITY. */
export const LotQuantity = z.number().finite().min(MIN_LOT_QUANTITY).max(MAX_QUANTITY);
/** Minutes, 0 … MAX_DURATION_MINUTES. */
export const DurationMinutes = upTo(MAX_DURATION_MINUTES);
/** Money, 0 … MAX_MONEY. */
export const Money = upTo(MAX_MONEY);
