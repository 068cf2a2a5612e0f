// Scans remote targets (https://... one file, hf://org/name[@rev] a Hub repository) in this
// process: one target at a time, so the bytes fetched are counted per target.
import { describeError } from "../core/context.js";
import type { FileTree } from "../core/fs.js";
import type { Limits } from "../core/limits.js";
import type { Finding, Report, TargetReport } from "../core/types.js";
import { errorResult, scanDirJob, scanFileJob, walkTree, type Executor, type ScanOptions, type TargetResult, type WalkState } from "../scanner.js";
import { VERSION } from "../version.js";
import { RemoteSession, type RemoteOptions } from "./http-source.js";
import { HubTree, UrlTree, parseHfUrl } from "./trees.js";

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
}

/** Runs one target at a time, each with its own fetch meter; a fetch failure fails the target closed. */
function meteredExecutor(tree: FileTree, session: RemoteSession, opts: ScanOptions, hashed: boolean): Executor {
  let chain: Promise<unknown> = Promise.resolve();
  const run = (fn: () => Promise<TargetResult>, display: string, isFile: boolean): Promise<TargetResult> => {
    const job = async (): Promise<TargetResult> => {
      const meter = session.begin();
      let r: TargetResult;
      try {
        r = await fn();
      } catch (e) {
        r = errorResult(display, describeError("scan failed", e));
      } finally {
        session.end();
      }
      const t = r.targets[0];
      if (t) {
        t.details = { ...t.details, bytes_fetched: meter.bytes, http_requests: meter.requests };
        if (isFile && !hashed && t.sha256 === undefined && t.status !== "error") t.details["sha256_skipped"] = "remote file: not hashed, which would download it whole (use --hash)";
        if (meter.failure && t.status !== "error") {
          // A reader may have taken the failed read for "not this format": the target is still incomplete.
          const e = errorResult(t.path, meter.failure);
          t.status = "error";
          r.errors.push(...e.errors);
          r.findings.push(...e.findings);
        }
      }
      return r;
    };
    const p = chain.then(job, job);
    chain = p.catch(() => undefined);
    return p;
  };
  return {
    file: (job) => run(() => scanFileJob(tree, job, opts), job.display, true),
    dir: (job) => run(() => scanDirJob(tree, job, opts), job.display, false),
  };
}

/** Scans one remote target; never throws for a remote failure (the target becomes an error, GW001). */
export async function scanRemote(target: string, opts: RemoteScanOptions = {}): Promise<Report> {
  const remote: Partial<RemoteOptions> = { ...opts.remote };
  let tree: FileTree;
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
  const hashed = opts.hash === true;
  const scanOpts: ScanOptions = { limits: opts.limits, hash: hashed };
  return walkTree(tree, root, display, meteredExecutor(tree, s, scanOpts, hashed), { limits: opts.limits, state: opts.state, onTarget: opts.onTarget });
}
