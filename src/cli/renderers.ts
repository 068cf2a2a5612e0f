// Machine-readable renderers selectable with --format (text is handled by the CLI itself).
import { resolve } from "node:path";
import type { Report, Severity } from "../core/types.js";
import { renderHtml } from "../report/html.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";

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
  // SARIF lists the rules' documentation and maps findings to source regions (with a YAML parser): the
  // rules (and the engines they name) and the region finder load only here.
  sarif: async (r, o) => {
    const [{ ALL_RULES }, { regionFinder }] = await Promise.all([import("../rules/index.js"), import("./sarif-regions.js")]);
    return renderSarif(r, ALL_RULES, { srcRoot: resolve(o.sarifRoot ?? "."), cwd: process.cwd(), failOn: o.failOn, regionFor: regionFinder(r) });
  },
  markdown: (r, o) => renderMarkdown(r, { failOn: o.failOn, explicitFiles: o.explicitFiles, showInfo: o.verbose }),
  html: (r, o) => renderHtml(r, { failOn: o.failOn, explicitFiles: o.explicitFiles, showInfo: o.verbose }),
};
