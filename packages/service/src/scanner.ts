// Runs one scan exactly as `graphwarden scan <path>` does from the directory `base` (same worker
// pool, hashing policy, limits and renderers), and renders the report in every CLI format.
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import {
  ALL_RULES,
  DEFAULT_HASH_MAX_BYTES,
  DEFAULT_MEMORY_MB,
  VERSION,
  WalkState,
  WorkerPool,
  describeError,
  errorResult,
  exitCode,
  isRemote,
  regionFinder,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderSarif,
  renderText,
  scanRemote,
  treeFor,
  walkTree,
  type Report,
  type Severity,
} from "graphwarden";

export const FORMATS = ["json", "sarif", "text", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];
export type Renders = Record<Format, string>;

/** The rule set's fingerprint: a change of any rule's metadata (id, severity, text) makes a new one. */
export const RULES_VERSION = createHash("sha256")
  .update(JSON.stringify(ALL_RULES.map((r) => r.meta)))
  .digest("hex")
  .slice(0, 16);

/** VERSION, plus GW_SCANNER_BUILD when a deployment tags its build (a new tag rescans everything). */
export function scannerVersion(): string {
  const build = process.env["GW_SCANNER_BUILD"];
  return build ? `${VERSION}+${build}` : VERSION;
}

export interface ScanInput {
  /** Local: the directory the CLI would run in, and the path as typed. Remote: the URL. */
  base?: string;
  target: string;
  failOn: Severity | "none";
  /**
   * SARIF's %SRCROOT% (the CLI's --sarif-root; default: base). Uploads use UPLOAD_SARIF_ROOT so that
   * their reports never name the spool folder and are the same for every upload of the same file.
   */
  sarifRoot?: string;
}

/** The directory an upload's SARIF report says it was scanned from. */
export const UPLOAD_SARIF_ROOT = "/uploads";

export interface ScanOutput {
  report: Report;
  renders: Renders;
  exitCode: number;
  cpuMs: number;
  bytesFetched: number;
}

export interface ScannerOptions {
  /** Scan threads (the CLI's --jobs); default 1: one process scans one artifact at a time. */
  jobs?: number;
  maxMemoryMb?: number;
  timeoutSec?: number;
  maxFetchMb?: number;
}

export class Scanner {
  private readonly pool: WorkerPool;
  private readonly limits: { targetTimeoutMs?: number };

  constructor(private readonly opts: ScannerOptions = {}) {
    this.limits = opts.timeoutSec ? { targetTimeoutMs: opts.timeoutSec * 1000 } : {};
    this.pool = new WorkerPool({
      jobs: opts.jobs ?? 1,
      memoryMb: opts.maxMemoryMb ?? DEFAULT_MEMORY_MB,
      timeoutMs: this.limits.targetTimeoutMs ?? 120_000,
      hash: true,
      hashMaxBytes: DEFAULT_HASH_MAX_BYTES,
      limits: this.limits,
    });
  }

  async scan(input: ScanInput): Promise<ScanOutput> {
    const cpu0 = process.cpuUsage();
    const explicitFiles = new Set<string>();
    let report: Report;
    const base = input.base ?? process.cwd();
    if (isRemote(input.target)) {
      if (!/^hf:/i.test(input.target)) explicitFiles.add(input.target);
      report = await scanRemote(input.target, {
        limits: this.limits,
        hash: false,
        state: new WalkState(),
        remote: this.opts.maxFetchMb ? { maxFetchBytes: this.opts.maxFetchMb * 1024 * 1024 } : {},
      });
    } else {
      report = { tool: { name: "graphwarden", version: VERSION }, targets: [], findings: [], errors: [] };
      const { tree, rel } = treeFor(resolve(base, input.target), true);
      try {
        const kind = await tree.kind(rel);
        if (kind !== "dir") explicitFiles.add(input.target);
        const r = await walkTree(tree, rel, input.target, this.pool.executor(tree), { limits: this.limits, state: new WalkState() });
        report.targets.push(...r.targets);
        report.findings.push(...r.findings);
        report.errors.push(...r.errors);
      } catch (e) {
        const r = errorResult(input.target, describeError("could not scan", e));
        report.targets.push(...r.targets);
        report.findings.push(...r.findings);
        report.errors.push(...r.errors);
      } finally {
        await tree.close();
      }
    }
    const renders = renderAll(report, base, input.failOn, explicitFiles, input.sarifRoot);
    const cpu = process.cpuUsage(cpu0);
    let bytesFetched = 0;
    for (const t of report.targets) bytesFetched += Number(t.details?.["bytes_fetched"] ?? 0);
    return { report, renders, exitCode: exitCode(report, input.failOn, explicitFiles), cpuMs: (cpu.user + cpu.system) / 1000, bytesFetched };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * Every CLI format, as `graphwarden scan --format F` prints it with its output on a pipe (no
 * colour) and default options, run from `base`. SARIF line regions read the config files named in
 * the report, so the reports are rendered while the scanned files are still there.
 */
export function renderAll(report: Report, base: string, failOn: Severity | "none", explicitFiles: ReadonlySet<string>, sarifRoot = base): Renders {
  const abs = (p: string): string => resolve(base, p);
  const absReport: Report = { ...report, targets: report.targets.map((t) => ({ ...t, path: abs(t.path) })) };
  const inner = regionFinder(absReport);
  return {
    json: renderJson(report),
    sarif: renderSarif(report, ALL_RULES, {
      srcRoot: sarifRoot,
      cwd: sarifRoot,
      failOn,
      regionFor: (f, file) => inner({ ...f, location: { ...f.location, path: abs(f.location.path) } }, abs(file)),
    }),
    text: renderText(report, { color: false, minSeverity: "low", verbose: false, quiet: false, failOn, explicitFiles }),
    markdown: renderMarkdown(report, { failOn, explicitFiles, showInfo: false }),
    html: renderHtml(report, { failOn, explicitFiles, showInfo: false }),
  };
}
