// Machine-readable renderers selectable with --format (text is handled by the CLI itself).
import { resolve } from "node:path";
import type { Report, Severity } from "../core/types.js";
import { renderHtml } from "../report/html.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";
import { regionFinder } from "./sarif-regions.js";

export interface RenderOptions {
  failOn: Severity | "none";
  explicitFiles?: ReadonlySet<string>;
  /** Directory %SRCROOT% stands for in SARIF (default: the current directory). */
  sarifRoot?: string;
  verbose?: boolean;
}

export const RENDERERS: Record<string, ((r: Report, o: RenderOptions) => string | Promise<string>) | undefined> = {
  text: undefined,
  json: renderJson,
  // SARIF lists the rules' documentation: the rules (and the engines they name) load only here.
  sarif: async (r, o) => renderSarif(r, (await import("../rules/index.js")).ALL_RULES, { srcRoot: resolve(o.sarifRoot ?? "."), cwd: process.cwd(), failOn: o.failOn, regionFor: regionFinder(r) }),
  markdown: (r, o) => renderMarkdown(r, { failOn: o.failOn, explicitFiles: o.explicitFiles, showInfo: o.verbose }),
  html: (r, o) => renderHtml(r, { failOn: o.failOn, explicitFiles: o.explicitFiles, showInfo: o.verbose }),
};
