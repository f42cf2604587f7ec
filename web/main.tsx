/** The workbench's entry: read the kept state, then render. */
import "./styles.css";
import { render } from "preact";
import { App } from "./app.tsx";
import { loadState } from "./store.ts";

await loadState();
render(<App />, document.getElementById("app")!);
