// Machine-readable renderers selectable with --format (text is handled by the CLI itself).
import type { Report } from "../core/types.js";
import { renderJson } from "../report/json.js";

export const RENDERERS: Record<string, ((r: Report) => string) | undefined> = {
  text: undefined,
  json: renderJson,
};
