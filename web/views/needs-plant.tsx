/** What a view shows before a plant is open: the way to open one. */
import type { Translate } from "../i18n.ts";

export function NeedsPlant({ t }: { t: Translate }) {
  return (
    <p class="card">
      {t("app.needsPlant")} <a href="#plant">{t("nav.plant")}</a>
    </p>
  );
}
