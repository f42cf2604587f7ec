/** The workbench's frame: header with the plant, plan and language, a tab per view, the view. */
import { useEffect, useMemo, useState } from "preact/hooks";
import type { MessageKey } from "./i18n.ts";
import { translator } from "./i18n.ts";
import type { Lang } from "./i18n.ts";
import { formatShare } from "./format.ts";
import { update, useAppState } from "./store.ts";
import { TokenPrompt } from "./token-prompt.tsx";
import { BottleneckView } from "./views/bottleneck-view.tsx";
import { DispatchView } from "./views/dispatch-view.tsx";
import { LoadView } from "./views/load-view.tsx";
import { MaterialsView } from "./views/materials-view.tsx";
import { MrpView } from "./views/mrp-view.tsx";
import { OrdersView } from "./views/orders-view.tsx";
import { PlanView } from "./views/plan-view.tsx";
import { PlantView } from "./views/plant-view.tsx";
import { ReviewView } from "./views/review-view.tsx";
import { RushView } from "./views/rush-view.tsx";
import { ScenariosView } from "./views/scenarios-view.tsx";

const VIEWS = [
  { id: "plant", label: "nav.plant", View: PlantView },
  { id: "plan", label: "nav.plan", View: PlanView },
  { id: "orders", label: "nav.orders", View: OrdersView },
  { id: "load", label: "nav.load", View: LoadView },
  { id: "materials", label: "nav.materials", View: MaterialsView },
  { id: "mrp", label: "nav.mrp", View: MrpView },
  { id: "bottleneck", label: "nav.bottleneck", View: BottleneckView },
  { id: "rush", label: "nav.rush", View: RushView },
  { id: "review", label: "nav.review", View: ReviewView },
  { id: "dispatch", label: "nav.dispatch", View: DispatchView },
  { id: "scenarios", label: "nav.scenarios", View: ScenariosView },
] as const satisfies ReadonlyArray<{ id: string; label: MessageKey; View: unknown }>;

type ViewId = (typeof VIEWS)[number]["id"];

function currentView(): ViewId {
  const id = location.hash.replace(/^#\/?/, "");
  return VIEWS.find((v) => v.id === id)?.id ?? "plant";
}

/** The view named in the address (#plan, #orders, …), so a reload or a bookmark opens the same one. */
function useViewFromHash(): ViewId {
  const [view, setView] = useState(currentView);
  useEffect(() => {
    const follow = () => setView(currentView());
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);
  return view;
}

export function App() {
  const state = useAppState();
  const view = useViewFromHash();
  const t = useMemo(() => translator(state.lang), [state.lang]);
  useEffect(() => {
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
    document.title = t("app.title");
  }, [state.lang]);
  const { View } = VIEWS.find((v) => v.id === view)!;
  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header class="app-header">
        <h1>
          <span class="brand">Takt</span> {t("app.title")}
        </h1>
        <div class="header-status" aria-live="polite">
          {state.plant && <span>{state.plant.model.name ?? state.plant.source}</span>}
          {state.plan?.kpis && (
            <span>
              {t("orders.onTimeRate")}: <b>{formatShare(state.plan.kpis.onTimeRate)}</b>
            </span>
          )}
        </div>
        <TokenPrompt t={t} />
        <label class="lang">
          <span class="visually-hidden">{t("app.language")}</span>
          <select data-testid="lang" value={state.lang} onChange={(e) => update({ lang: (e.currentTarget as HTMLSelectElement).value as Lang })}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <nav class="tabs" aria-label={t("app.views")}>
        {VIEWS.map((v) => (
          <a key={v.id} href={`#${v.id}`} aria-current={v.id === view ? "page" : undefined} data-view={v.id}>
            {t(v.label)}
          </a>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        <View t={t} />
      </main>
    </>
  );
}
