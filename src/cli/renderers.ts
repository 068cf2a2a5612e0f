// Machine-readable renderers selectable with --format (text is handled by the CLI itself).
import type { Report } from "../core/types.js";
import { renderHtml } from "../report/html.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";
import { ALL_RULES } from "../rules/index.js";

export const RENDERERS: Record<string, ((r: Report) => string) | undefined> = {
  text: undefined,
  json: renderJson,
  sarif: (r) => renderSarif(r, ALL_RULES),
  markdown: renderMarkdown,
  html: renderHtml,
};
