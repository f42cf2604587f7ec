/** The workbench's entry: read the kept state, then render. */
import "./styles.css";
import { render } from "preact";
import { App } from "./app.tsx";
import { loadState } from "./store.ts";

await loadState();
const root = document.getElementById("app")!;
root.textContent = ""; // the "loading" line index.html shows until now
render(<App />, root);
