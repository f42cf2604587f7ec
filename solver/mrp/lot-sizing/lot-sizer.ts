/**
 * An item's lot-sizing rule (issue 5, convention 4) as the netting's lot callback. Wagner–Whitin and
 * Silver–Meal plan over the lot-for-lot net requirement sequence, so that sequence is netted first and
 * their lots are handed to the final netting as a schedule. The other rules decide bucket by bucket, then
 * minimum and multiple apply (modifiers.ts).
 *
 * One LotSizing serves a whole planning run and is aimed at each item in turn: planning 100k items then
 * makes no closures or arrays per item, and the netting calls one function that switches on the rule.
 */
import type { Item } from "../../../src/item.ts";
import type { LotSizer, NettingInput, NettingRecord } from "../net-requirements.ts";
import { netRequirements, newNettingRecord } from "../net-requirements.ts";
import { economicOrderQuantity } from "./eoq.ts";
import { roundUpToMultiple } from "./fixed.ts";
import { lotForLot } from "./lot-for-lot.ts";
import { applyModifiers } from "./modifiers.ts";
import { periodOrderQuantity } from "./periods.ts";
import { silverMeal } from "./silver-meal.ts";
import { WagnerWhitinScratch, wagnerWhitin } from "./wagner-whitin.ts";

// How a bucket's lot is decided; small integers so `size` is one switch on a number.
const LOT_FOR_LOT = 0;
const FIXED = 1;
const PERIODS = 2;
const EOQ = 3;
/** Wagner–Whitin or Silver–Meal: a lot schedule planned up front. */
const SCHEDULE = 4;

export class LotSizing {
  /** The lot callback for netRequirements, sizing for the item of the last `aim`. */
  readonly lot: LotSizer = (t, net, avail) => this.size(t, net, avail);
  private rule: number = LOT_FOR_LOT;
  /** Fixed: the lot quantity; eoq: the EOQ. */
  private quantity = 0;
  private periods = 0;
  private minimum: number | undefined;
  private multiple: number | undefined;
  private input: NettingInput | null = null;
  /** Wagner–Whitin, Silver–Meal: the lot planned per bucket (one of the two arrays below). */
  private schedule: Float64Array;
  private readonly lotForLotRecord: NettingRecord;
  private readonly wagnerWhitinScratch: WagnerWhitinScratch;
  private readonly silverMealLots: Float64Array;

  /** For netting inputs of `buckets` buckets. */
  constructor(buckets: number) {
    this.silverMealLots = new Float64Array(buckets);
    this.schedule = this.silverMealLots;
    this.lotForLotRecord = newNettingRecord(buckets);
    this.wagnerWhitinScratch = new WagnerWhitinScratch(buckets);
  }

  /**
   * Aims the sizer at `item` netted with `input` (read again while netting: keep it unchanged until then)
   * and returns the lot callback. Phantoms are lot-for-lot without modifiers (convention 7).
   */
  aim(item: Item, input: NettingInput): LotSizer {
    this.input = input;
    if (item.phantom) {
      this.rule = LOT_FOR_LOT;
      this.minimum = this.multiple = undefined;
      return this.lot;
    }
    this.minimum = item.minimum;
    this.multiple = item.multiple;
    const rule = item.lotSizing;
    switch (rule.rule) {
      case "lot-for-lot":
        this.rule = LOT_FOR_LOT;
        break;
      case "fixed":
        this.rule = FIXED;
        this.quantity = rule.quantity;
        break;
      case "periods":
        this.rule = PERIODS;
        this.periods = rule.periods;
        break;
      case "eoq":
        this.rule = EOQ;
        this.quantity = economicOrderQuantity(input.gross, rule.setupCost, rule.holdingCost);
        break;
      case "wagner-whitin":
      case "silver-meal": {
        this.rule = SCHEDULE;
        const { net } = this.lotForLotRecord;
        netRequirements(input, lotForLot, this.lotForLotRecord);
        this.schedule =
          rule.rule === "wagner-whitin"
            ? wagnerWhitin(net, rule.setupCost, rule.holdingCost, this.wagnerWhitinScratch)
            : silverMeal(net, rule.setupCost, rule.holdingCost, this.silverMealLots);
        break;
      }
    }
    return this.lot;
  }

  private size(t: number, net: number, avail: number): number {
    switch (this.rule) {
      case LOT_FOR_LOT:
        return applyModifiers(net, this.minimum, this.multiple);
      case FIXED:
        return applyModifiers(roundUpToMultiple(net, this.quantity), this.minimum, this.multiple);
      case PERIODS:
        return applyModifiers(periodOrderQuantity(this.periods, this.input!, t, net, avail), this.minimum, this.multiple);
      case EOQ:
        return applyModifiers(Math.max(net, this.quantity), this.minimum, this.multiple);
      default: // SCHEDULE
        return Math.max(net, this.schedule[t]!);
    }
  }
}
