/**
 * Picks an item's lot-sizing rule (issue 5, convention 4). Wagner–Whitin and Silver–Meal plan over the
 * lot-for-lot net requirement sequence, so that sequence is netted first and their lots are handed to the
 * final netting as a schedule. The other rules decide bucket by bucket, then minimum and multiple apply.
 */
import type { Item } from "../../../src/item.ts";
import type { LotSizer, NettingInput, NettingRecord } from "../net-requirements.ts";
import { netRequirements } from "../net-requirements.ts";
import { eoqLots } from "./eoq.ts";
import { fixedQuantity } from "./fixed.ts";
import { lotForLot } from "./lot-for-lot.ts";
import { withModifiers } from "./modifiers.ts";
import { periodOrderQuantity } from "./periods.ts";
import { silverMeal } from "./silver-meal.ts";
import { wagnerWhitin } from "./wagner-whitin.ts";

function scheduled(lots: Float64Array): LotSizer {
  return (t, net) => Math.max(net, lots[t]!);
}

/**
 * The lot sizer of an item for this netting input. `scratch` is overwritten when the rule needs the
 * lot-for-lot record first. Phantoms are lot-for-lot without modifiers (convention 7).
 */
export function lotSizerFor(item: Item, input: NettingInput, scratch: NettingRecord): LotSizer {
  if (item.phantom) return lotForLot;
  const rule = item.lotSizing;
  switch (rule.rule) {
    case "wagner-whitin":
    case "silver-meal": {
      netRequirements(input, lotForLot, scratch);
      const plan = rule.rule === "wagner-whitin" ? wagnerWhitin : silverMeal;
      return scheduled(plan(scratch.net, rule.setupCost, rule.holdingCost));
    }
    case "lot-for-lot":
      return withModifiers(lotForLot, item.minimum, item.multiple);
    case "fixed":
      return withModifiers(fixedQuantity(rule.quantity), item.minimum, item.multiple);
    case "periods":
      return withModifiers(periodOrderQuantity(rule.periods, input), item.minimum, item.multiple);
    case "eoq":
      return withModifiers(eoqLots(input.gross, rule.setupCost, rule.holdingCost), item.minimum, item.multiple);
  }
}
