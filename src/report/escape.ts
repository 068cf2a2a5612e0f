// The report's one defence against injection: every string a model file or a file name can
// control passes through `bounded` (length caps, all formats) and then exactly one per-format
// escaper (text: `visible`; Markdown: `mdText`; HTML: `escapeHtml` over `visible`; SARIF: `visible`
// and `sarifUri`). JSON keeps the bounded strings as data (JSON.stringify escapes the rest).
import type { Finding, Report, ScanError, TargetReport } from "../core/types.js";

/** Documented caps (README "Reports"): a longer value is cut and says how much was left out. */
export const MAX_MESSAGE_CHARS = 500;
export const MAX_NAME_CHARS = 1000;
export const MAX_EVIDENCE_CHARS = 2000;

/** Cuts `s` to `max` UTF-16 units without splitting a surrogate pair: `abc…(1234 more chars)`. */
export function limit(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}…(${s.length - end} more chars)`;
}

/**
 * Characters that can move a terminal's cursor, retitle it, hide text, or reorder what is shown:
 * C0 controls (newlines included), DEL, C1 controls, bidi embeddings/overrides/isolates
 * (U+202A-202E, U+2066-2069), LRM/RLM/ALM, line/paragraph separators, BOM, and lone surrogates
 * (which no UTF-8 output can carry).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Makes every unsafe character visible as an escape (`\x1b`, `\n`, `\u202e`); never emits it raw. */
export function visible(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    const c = ch.charCodeAt(0);
    if (c === 0x0a) return "\\n";
    if (c === 0x0d) return "\\r";
    if (c === 0x09) return "\\t";
    return c < 0x100 ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
  });
}

/** Replaces lone surrogates with U+FFFD (for outputs that must be well-formed Unicode). */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

export function escapeHtml(s: string): string {
  return visible(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * Markdown text for table cells and list items: no raw HTML (`<` `>` `&` become entities), no
 * link, image, emphasis, strike-through or code syntax (the inline punctuation Markdown reads is
 * backslash-escaped), no table break (`|`), no new line (controls made visible). Viewers may still
 * linkify a bare `https://` text; they cannot be given link text or a `javascript:` target.
 */
export function mdText(s: string): string {
  return visible(s)
    .replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!)
    .replace(/[\\`*_[\]!|~]/g, (c) => `\\${c}`);
}

/** URI for SARIF artifact locations: each path segment percent-encoded; never throws. */
export function uriPath(p: string): string {
  return wellFormed(p)
    .replace(/\\/g, "/")
    .split("/")
    .map((seg) => encodeURIComponent(seg))
    .join("/");
}

function boundFinding(f: Finding): Finding {
  const location = { ...f.location, path: limit(f.location.path, MAX_NAME_CHARS) };
  if (f.location.member !== undefined) location.member = limit(f.location.member, MAX_NAME_CHARS);
  if (f.location.pointer !== undefined) location.pointer = limit(f.location.pointer, MAX_NAME_CHARS);
  const out: Finding = { ...f, location, message: limit(f.message, MAX_MESSAGE_CHARS) };
  if (f.evidence !== undefined) out.evidence = limit(f.evidence, MAX_EVIDENCE_CHARS);
  if (f.affectedVersions) out.affectedVersions = f.affectedVersions.map((v) => limit(v, MAX_MESSAGE_CHARS));
  if (f.references) out.references = f.references.map((v) => limit(v, MAX_MESSAGE_CHARS));
  return out;
}

function boundTarget(t: TargetReport): TargetReport {
  const out: TargetReport = { ...t, path: limit(t.path, MAX_NAME_CHARS), format: limit(t.format, MAX_MESSAGE_CHARS) };
  if (t.details) out.details = Object.fromEntries(Object.entries(t.details).map(([k, v]) => [limit(k, MAX_NAME_CHARS), typeof v === "string" ? limit(v, MAX_MESSAGE_CHARS) : v]));
  return out;
}

function boundError(e: ScanError): ScanError {
  const out: ScanError = { ...e, path: limit(e.path, MAX_NAME_CHARS), message: limit(e.message, MAX_MESSAGE_CHARS) };
  if (e.member !== undefined) out.member = limit(e.member, MAX_NAME_CHARS);
  return out;
}

/** The report every renderer draws from: messages, names and evidence cut to the documented caps. */
export function bounded(report: Report): Report {
  return {
    ...report,
    targets: report.targets.map(boundTarget),
    findings: report.findings.map(boundFinding),
    errors: report.errors.map(boundError),
  };
}
