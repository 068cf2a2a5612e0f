// Worker bootstrap: Node 20 workers do not inherit tsx's loader from --import, so load it here.
import { tsImport } from "tsx/esm/api";
await tsImport("./fuzz-worker.ts", import.meta.url);
