/**
 * A Takt serving bearer tokens answers /v1 with 401 until the planner gives the token the administrator
 * issued: the header then asks for it. It is kept for the tab (web/api.ts), so a reload keeps it.
 */
import { useEffect, useState } from "preact/hooks";
import { needsToken, onTokenChange, setToken, token } from "./api.ts";
import type { Translate } from "./i18n.ts";

export function TokenPrompt({ t }: { t: Translate }) {
  const [, setVersion] = useState(0);
  const [draft, setDraft] = useState("");
  useEffect(() => onTokenChange(() => setVersion((v) => v + 1)), []);
  if (!needsToken()) {
    return token() ? (
      <button type="button" class="link token-forget" onClick={() => setToken(null)}>
        {t("app.tokenForget")}
      </button>
    ) : null;
  }
  return (
    <form
      class="token-prompt"
      aria-live="assertive"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(draft.trim() || null);
        setDraft("");
      }}
    >
      <label>
        {t("app.tokenNeeded")}{" "}
        <input type="password" autoComplete="off" data-testid="token" value={draft} onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)} />
      </label>{" "}
      <button type="submit" class="primary">
        {t("app.tokenSave")}
      </button>
    </form>
  );
}
