/** Lot-for-lot (Orlicky 1975): order exactly the net requirement of each bucket. */
import type { LotSizer } from "../net-requirements.ts";

export const lotForLot: LotSizer = (_t, net) => net;
