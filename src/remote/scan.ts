// Scans remote targets (https://... one file, hf://org/name[@rev] a Hub repository): listed here,
// each target scanned with its own fetch meter (in this process one at a time, or in the CLI's
// worker pool).
import { describeError } from "../core/context.js";
import type { FileTree } from "../core/fs.js";
import type { Limits } from "../core/limits.js";
import type { Finding, Report, TargetReport } from "../core/types.js";
import { errorResult, scanDirJob, scanFileJob, walkTree, type DirJob, type Executor, type FileJob, type ScanOptions, type TargetResult, type WalkState } from "../scanner.js";
import { VERSION } from "../version.js";
import { RemoteSession, type RemoteOptions } from "./http-source.js";
import { HubTree, UrlTree, parseHfUrl, type RemoteTreeSpec } from "./trees.js";

export function isRemote(target: string): boolean {
  return /^(https?|hf):\/\//i.test(target);
}

export interface RemoteScanOptions {
  limits?: Partial<Limits>;
  /** true: hash each remote file (it is then downloaded whole, within the fetch cap); default: no hash. */
  hash?: boolean;
  remote?: Partial<RemoteOptions>;
  /** Hub API root (default: HF_ENDPOINT, else https://huggingface.co). */
  endpoint?: string;
  /** Hub token (default: HF_TOKEN); sent as a Bearer header to the Hub's own origin only. */
  token?: string;
  state?: WalkState;
  onTarget?: (t: TargetReport, findings: readonly Finding[]) => void;
  /**
   * Runs the targets elsewhere (the CLI's worker pool, under its deadline and memory cap): given
   * the listed tree's spec and the remote options with the token header, an executor. Default:
   * one target at a time in this process.
   */
  executor?: (spec: RemoteTreeSpec, remote: Partial<RemoteOptions>, opts: ScanOptions) => Executor;
}

/**
 * Scans one target of a remote tree with its own fetch meter; a fetch failure fails the target
 * closed. Used in this process (meteredExecutor) and by the CLI's scan workers (src/cli/worker.ts).
 */
export async function scanRemoteJob(tree: FileTree, session: RemoteSession, job: FileJob | DirJob, kind: "file" | "dir", opts: ScanOptions): Promise<TargetResult> {
  const hashed = opts.hash === true;
  const meter = session.begin();
  let r: TargetResult;
  try {
    r = kind === "dir" ? await scanDirJob(tree, job as DirJob, opts) : await scanFileJob(tree, job, opts);
  } catch (e) {
    r = errorResult(job.display, describeError("scan failed", e));
  } finally {
    session.end();
  }
  const t = r.targets[0];
  if (t) {
    t.details = { ...t.details, bytes_fetched: meter.bytes, http_requests: meter.requests };
    if (kind === "file" && !hashed && t.sha256 === undefined && t.status !== "error") t.details["sha256_skipped"] = "remote file: not hashed, which would download it whole (use --hash)";
    if (meter.failure && t.status !== "error") {
      // A reader may have taken the failed read for "not this format": the target is still incomplete.
      const e = errorResult(t.path, meter.failure);
      t.status = "error";
      r.errors.push(...e.errors);
      r.findings.push(...e.findings);
    }
  }
  return r;
}

/** Runs one target at a time in this process, each with its own fetch meter. */
function meteredExecutor(tree: FileTree, session: RemoteSession, opts: ScanOptions): Executor {
  let chain: Promise<unknown> = Promise.resolve();
  const run = (job: FileJob | DirJob, kind: "file" | "dir"): Promise<TargetResult> => {
    const go = (): Promise<TargetResult> => scanRemoteJob(tree, session, job, kind, opts);
    const p = chain.then(go, go);
    chain = p.catch(() => undefined);
    return p;
  };
  return { file: (job) => run(job, "file"), dir: (job) => run(job, "dir") };
}

/** Scans one remote target; never throws for a remote failure (the target becomes an error, GW001). */
export async function scanRemote(target: string, opts: RemoteScanOptions = {}): Promise<Report> {
  const remote: Partial<RemoteOptions> = { ...opts.remote };
  let tree: UrlTree | HubTree;
  let root = "";
  const display = target.replace(/\/+$/, "");
  const session = (): RemoteSession => new RemoteSession(remote);
  let s: RemoteSession;
  try {
    if (/^hf:\/\//i.test(target)) {
      const ref = parseHfUrl(target);
      const endpoint = opts.endpoint ?? process.env["HF_ENDPOINT"] ?? "https://huggingface.co";
      const token = opts.token ?? process.env["HF_TOKEN"];
      // The token goes to the Hub's origin only: a redirect to a CDN drops it.
      if (token) remote.headers = { ...remote.headers, authorization: `Bearer ${token}` };
      s = session();
      const hub = new HubTree(ref, s, endpoint);
      await hub.load();
      tree = hub;
    } else {
      s = session();
      const u = new UrlTree(target, s);
      tree = u;
      root = u.fileName;
    }
  } catch (e) {
    const r = errorResult(display, describeError("could not list", e));
    const report: Report = { tool: { name: "graphwarden", version: VERSION }, targets: r.targets, findings: r.findings, errors: r.errors };
    r.targets.forEach((t) => opts.onTarget?.(t, r.findings));
    return report;
  }
  const scanOpts: ScanOptions = { limits: opts.limits, hash: opts.hash === true };
  const executor = opts.executor ? opts.executor(tree.spec(), remote, scanOpts) : meteredExecutor(tree, s, scanOpts);
  return walkTree(tree, root, display, executor, { limits: opts.limits, state: opts.state, onTarget: opts.onTarget });
}
