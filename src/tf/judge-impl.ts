// Implementation of judgeNodeDef (see judge.ts for the contract).
import { decodeUtf8 } from "../core/bytes.js";
import { BASE64_PIECE, NUMBER_PIECE, hasGlob, patternCouldBe } from "../catalog/path-patterns.js";
import { clip as cut } from "../core/text.js";
import type { Capability, Severity } from "../core/types.js";
import { REMOTE_SCHEME, TF_INPUT_NAMES, tfOpEntry, type TfOpEntry } from "../catalog/tf-ops.js";
import { isCredentialPath, isPersistencePath } from "../catalog/secret-paths.js";
import { cleanPath } from "../core/fs.js";
import { tfOpClass, type TfOpClassInfo } from "../catalog/tf-op-classes.js";
import { TF_REGISTRY_SOURCES } from "../catalog/tf-op-registry.js";
import { HIDDEN_BASE64_TEXT, HIDDEN_NUMBER_TEXT, HIDDEN_VALUE, type JudgeContext, type TfNodeJudgement, type TracedValue } from "./judge.js";
import type { TfAttrValue, TfNodeDef } from "./types.js";
import { DT_RESOURCE } from "./resource-handle.js";

function attrStrings(a: TfAttrValue | undefined): string[] {
  if (!a) return [];
  if (a.s) return [decodeUtf8(a.s)];
  if (a.list) return a.list.s.map((x) => decodeUtf8(x));
  return [];
}

/** Control inputs ("^x") are ordering only; data inputs keep their position. */
export function dataInputs(node: TfNodeDef): string[] {
  return node.input.filter((i) => !i.startsWith("^"));
}

interface Operand {
  label: string;
  strings: string[];
  opaque: string[];
  assets: string[];
  /** String constants the value is computed from (TracedValue.constants). */
  constants: string[];
}

function operands(node: TfNodeDef, entry: TfOpEntry, ctx: JudgeContext | undefined): Operand[] {
  const out: Operand[] = [];
  const ins = dataInputs(node);
  for (const idx of entry.pathInputs ?? []) {
    const input = ins[idx];
    if (input === undefined) continue;
    const t: TracedValue = ctx?.traceStrings?.(input) ?? { strings: [], opaque: [input] };
    const argName = Object.prototype.hasOwnProperty.call(TF_INPUT_NAMES, node.op) ? TF_INPUT_NAMES[node.op]?.[idx] : undefined;
    out.push({ label: argName ?? `input ${idx}`, strings: t.strings, opaque: t.opaque, assets: t.assets ?? [], constants: t.constants ?? [] });
  }
  // a summary writer opens logdir + "/events.out.tfevents.<time>.<host>.<pid>.<n>" + filename_suffix: a suffix
  // holding a separator moves the file (judged composed); one without stays in logdir (judged there)
  const suffix = node.op === "CreateSummaryFileWriter" ? out.find((o) => o.label === "filename_suffix") : undefined;
  if (suffix) {
    const dirs = out.find((o) => o.label === "logdir")?.strings ?? [];
    suffix.strings = suffix.strings.filter((x) => /[/\\]/.test(x)).flatMap((x) => (dirs.length ? dirs : ["."]).map((d) => `${d}/events.out.tfevents.0.host.0.0${x}`));
    suffix.constants = [];
  }
  for (const name of entry.pathAttrs ?? []) {
    const a = node.attr.get(name);
    if (a?.placeholder !== undefined) {
      // Bound by the function's callers: every value they bind; unknown where one binds nothing.
      const r = ctx?.resolveAttr?.(name) ?? { values: [], unknown: true };
      const vals = r.values.flatMap((v) => attrStrings(v));
      const opaque = r.unknown ? [`attr ${name} = placeholder ${a.placeholder}`] : [];
      out.push({ label: name, strings: vals, opaque, assets: [], constants: [] });
      continue;
    }
    const vals = attrStrings(a);
    if (vals.length) out.push({ label: name, strings: vals, opaque: [], assets: [], constants: [] });
  }
  return out;
}

function quote(s: string): string {
  return JSON.stringify(cut(s));
}

function evidenceFor(op: string, ops: Operand[]): string {
  // A lone first-input path reads naturally unlabelled: ReadFile("/etc/passwd"); others are named.
  const bare = ops.length === 1 && ops[0]!.label.startsWith("input");
  const parts = ops.map((o) => {
    const strs = o.strings.map(quote);
    const opq = o.opaque.map((x) => `<${cut(x, 60)}>`);
    const vals = [...strs, ...opq];
    // past four values, an unknown part is still shown (it says the value list is not complete)
    const shown = vals.length > 4 && opq.length ? [...strs.slice(0, 3), opq[0]!] : vals.slice(0, 4);
    const v = vals.length === 0 ? "?" : vals.length === 1 ? vals[0]! : `[${shown.join(", ")}${vals.length > 4 ? ", …" : ""}]`;
    return bare || o.label.startsWith("input") ? v : `${o.label}=${v}`;
  });
  return `${op}(${parts.join(", ")})`;
}

const rankOf: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
function raise(a: Severity, b: Severity): Severity {
  return rankOf[b] > rankOf[a] ? b : a;
}

/** Does the op fire at all, given its conditional attrs? */
function applies(entry: TfOpEntry, ops: Operand[]): boolean {
  // A read whose every path comes from the model's own assets (vocabulary files) is benign.
  if (entry.kind === "file-read" && ops.length > 0 && ops.every((o) => o.assets.length > 0 && o.strings.length === 0 && o.opaque.length === 0)) return false;
  const vals = ops.flatMap((o) => o.strings);
  switch (entry.when) {
    case "always":
      return true;
    case "file-url":
      // An attr no caller binds may be a file:// URL: count it.
      return vals.some((v) => /^file:\/\//i.test(v)) || ops.some((o) => o.opaque.length > 0);
    case "debug-url":
      return vals.some((v) => /^(?:file|grpc):\/\//i.test(v)) || ops.some((o) => o.opaque.length > 0);
    case "non-local":
      return vals.some((v) => v !== "" && !/^(?:local|bytes):\/\//i.test(v)) || ops.some((o) => o.opaque.length > 0);
    case "non-empty":
      // An untraceable operand may be a path: count it; so is one that traces to no value at all
      // (unknown, not "empty": an explicitly empty string traces to "").
      return vals.some((v) => v !== "") || ops.some((o) => o.opaque.length > 0 || (o.strings.length === 0 && o.assets.length === 0));
    case "remote-job":
      // An untraceable device string may name any job: count it.
      return vals.some((v) => remoteDevice(v) !== undefined) || ops.some((o) => o.opaque.length > 0);
    case "blocking":
      // the graph visitor has already kept the waits it proves satisfied out (src/tf/graph.ts waitSatisfied)
      return true;
  }
}

function baseSeverity(entry: TfOpEntry): Severity {
  switch (entry.kind) {
    case "python-callback":
      return "critical";
    case "file-read":
      return entry.capabilities.includes("network") ? "high" : "medium";
    case "file-write":
    case "network":
      return "high";
    case "availability":
      return "medium";
  }
}

/**
 * The spellings of the path a file op opens (checked against real TensorFlow: tools/gen-open-vectors.py):
 * as written; as TensorFlow's file systems translate it (io::ParseURI: "scheme://host" dropped; a path with
 * no scheme goes to the POSIX file system, which cleans it as io::CleanPath: repeated slashes collapsed,
 * "." dropped, ".." resolved lexically, no trailing slash; a file:// path goes to the local file system,
 * which does not clean it, so the OS resolves its ".." after the host's links and a ".." may land in any
 * directory), then cut at the first NUL as the C library reads it; and with the kernel's aliases of the
 * process's own /proc entry (/proc/thread-self, /proc/<pid>, /proc/self/task/<tid>) as /proc/self.
 */
export function openedPathForms(v: string): string[] {
  const out = [v];
  const add = (x: string) => {
    const nul = x.indexOf("\0");
    const cut = nul >= 0 ? x.slice(0, nul) : x;
    const proc = cut.replace(/^\/proc\/(?:thread-self|\d+|self\/task\/\d+)(?=\/)/, "/proc/self");
    for (const y of [cut, proc]) if (!out.includes(y)) out.push(y);
  };
  const uri = /^([A-Za-z][0-9A-Za-z.]*):\/\/([^/]*)(.*)$/s.exec(v);
  if (!uri) add(cleanPath(v));
  else if (uri[1]!.toLowerCase() === "file") {
    const path = uri[3] || "/";
    add(path);
    add(cleanPath(path));
    // after a host link, "x/.." can be any directory: the part after the last ".." may sit at the root
    const segs = path.split("/");
    const last = segs.lastIndexOf("..");
    if (last >= 0) add("/" + segs.slice(last + 1).join("/"));
  }
  // the older, cruder spellings stay as well (a union of views): the string cut first, file:// stripped
  const nul = v.indexOf("\0");
  const bare = (nul >= 0 ? v.slice(0, nul) : v).replace(/^file:\/\//i, "");
  add(bare);
  add(cleanPath(bare));
  return out;
}

/** A bare file-name extension of data and model files: a piece joined after a name, never a location by itself. */
const DATA_EXTENSION = /^\.(?:txt|csv|tsv|json|jsonl|ya?ml|xml|html?|md|log|h5|hdf5|keras|pb|pbtxt|tflite|onnx|pt|pth|npy|npz|bin|dat|data|index|ckpt|tfrecords?|record|vocab|model|spm|jpe?g|png|gif|bmp|webp|wav|mp3|flac|ogg|mp4|avi|parquet|arrow|feather|gz|zip|tar|bz2|xz|zst)$/i;

/** Characters a glob's `?` is tried as (the names of the location lists are made of these). */
const GLOB_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789._-";
const MAX_GLOB_CANDIDATES = 2048;

/**
 * Paths a glob pattern (TensorFlow's MatchingFiles and file-pattern ops: `*`, `?`, `[...]`) may match, for the
 * location lists: each bracket class as each of its characters, each `?` as each character of GLOB_ALPHABET (two at
 * most; more as "a"), each `*` as nothing and as one name; [] for a string without wildcards.
 */
export function globCandidates(v: string): string[] {
  if (!/[*?[]/.test(v)) return [];
  let outs = [""];
  let questions = 0;
  for (let i = 0; i < v.length && outs.length <= MAX_GLOB_CANDIDATES; i++) {
    const c = v[i]!;
    let opts: string[];
    if (c === "[") {
      const end = v.indexOf("]", i + 2);
      if (end < 0) opts = ["["];
      else {
        const body = v.slice(i + 1, end);
        i = end;
        if (/^[!^]/.test(body)) opts = ["a", "x"];
        else {
          const chars: string[] = [];
          for (let k = 0; k < body.length; k++) {
            if (body[k + 1] === "-" && k + 2 < body.length) {
              for (let x = body.charCodeAt(k); x <= body.charCodeAt(k + 2) && chars.length < 64; x++) chars.push(String.fromCharCode(x));
              k += 2;
            } else chars.push(body[k]!);
          }
          opts = chars.length ? chars : ["a"];
        }
      }
    } else if (c === "?") opts = ++questions <= 2 ? [...GLOB_ALPHABET] : ["a"];
    else if (c === "*") opts = ["", "x"];
    else if (c === "\\" && i + 1 < v.length) opts = [v[++i]!];
    else opts = [c];
    const next: string[] = [];
    for (const o of outs) for (const x of opts) if (next.length < MAX_GLOB_CANDIDATES) next.push(o + x);
    outs = next;
  }
  return outs;
}

/** The paths a value may open: its opened forms, and those of the paths it matches as a glob pattern. */
function pathForms(v: string): string[] {
  const g = globCandidates(v);
  return g.length ? [...openedPathForms(v), ...g.flatMap((x) => openedPathForms(x))] : openedPathForms(v);
}

function judgeOp(node: TfNodeDef, entry: TfOpEntry, ctx: JudgeContext | undefined): TfNodeJudgement | undefined {
  const ops = operands(node, entry, ctx);
  if (!applies(entry, ops)) return undefined;
  let severity = baseSeverity(entry);
  const caps = new Set<Capability>(entry.capabilities);
  const reasons: string[] = [];
  const vals = ops.flatMap((o) => o.strings);
  for (const v of vals) {
    // the location lists judge the path TensorFlow opens: file:// stripped, cleaned as io::CleanPath
    // cleans it, the kernel's own aliases of /proc/self folded in (/etc/./passwd is /etc/passwd)
    const opened = pathForms(v);
    if (REMOTE_SCHEME.test(v) || /^grpc:\/\//i.test(v)) {
      caps.add("network");
      severity = raise(severity, "high");
      if (!reasons.includes("a remote location")) reasons.push("a remote location");
    }
    if (entry.kind !== "python-callback" && opened.some((p) => isCredentialPath(p))) {
      severity = raise(severity, "high");
      if (!reasons.includes("a secrets location")) reasons.push("a secrets location");
    }
    if (entry.kind === "file-write" && opened.some(isPersistencePath)) {
      severity = raise(severity, "critical");
      if (!reasons.includes("a persistence location")) reasons.push("a persistence location");
    }
    if (entry.when === "debug-url" && /^file:\/\//i.test(v)) caps.add("file-write");
  }
  if (entry.when === "debug-url" && !vals.some((v) => /^file:\/\//i.test(v))) caps.delete("file-write");
  // fail closed on the location lists: a path computed from a constant that names a secrets or a
  // persistence location (a rewrite's replacement, a format's piece) may well be that location, whatever
  // the fold made of the computation
  if (entry.kind === "file-read" || entry.kind === "file-write") {
    for (const c of new Set(ops.flatMap((o) => o.constants))) {
      if (!/[/\\]|^[~.]/.test(c)) continue;
      // a file name extension joined to a name (".txt", ".csv") is no dot-file of a home folder
      if (DATA_EXTENSION.test(c)) continue;
      const forms = pathForms(c);
      const from = `(the path is computed from the constant ${JSON.stringify(cut(c, 60))})`;
      if (entry.kind === "file-read" && !reasons.some((r) => r.startsWith("a secrets location")) && (forms.some((p) => isCredentialPath(p)) || (hasGlob(c) && patternCouldBe(c, "credential", true)))) {
        severity = raise(severity, "high");
        reasons.push(`a secrets location ${from}`);
      }
      if (entry.kind === "file-write" && !reasons.some((r) => r.startsWith("a persistence location")) && (forms.some(isPersistencePath) || (hasGlob(c) && patternCouldBe(c, "persistence", true)))) {
        severity = raise(severity, "critical");
        reasons.push(`a persistence location ${from}`);
      }
    }
  }
  // a glob (MatchingFiles' pattern, or a name written with its syntax) is judged by every name it can match:
  // ".b*rc" is ".bashrc", "/proc/self/envi*" the environment (path-patterns.ts)
  if (entry.kind === "file-read" || entry.kind === "file-write") {
    for (const v of vals) {
      if (!hasGlob(v) || v.includes(HIDDEN_VALUE)) continue;
      const from = `(the glob ${JSON.stringify(cut(v, 60))} can match it)`;
      if (entry.kind === "file-read" && !reasons.some((r) => r.startsWith("a secrets location")) && patternCouldBe(v, "credential", true)) {
        severity = raise(severity, "high");
        reasons.push(`a secrets location ${from}`);
      }
      if (entry.kind === "file-write" && !reasons.some((r) => r.startsWith("a persistence location")) && (patternCouldBe(v, "persistence", true) || patternCouldBe(v, "persistence", true, true))) {
        severity = raise(severity, "critical");
        reasons.push(`a persistence location ${from}`);
      }
    }
  }
  // a path the model computes from its own constants by an op not evaluated here: fixed by the file, hidden from
  // inspection: it may name any location (a read is rated as of credentials, a write as of persistence); not
  // where each hidden value is a piece whose text cannot hold a separator (the text of a number, web-safe base64)
  // inside a file name (after known text of its segment) of a path that, whatever the piece's text, names no
  // location of the list (path-patterns.ts: "/etc/rc" + a number + ".d" can, "<dir>/cache_" + a number cannot);
  // a hidden value standing alone (a whole alternative) keeps the rule
  if ((entry.kind === "file-read" || entry.kind === "file-write") && ops.some((o) => o.opaque.some((x) => x.includes(HIDDEN_VALUE)))) {
    const list = entry.kind === "file-read" ? "credential" : "persistence";
    const hiddenPiece = new RegExp(String.raw`<([^<>]*${HIDDEN_VALUE}[^<>]*)>`, "g");
    const excused = new Set<string>();
    let exposed = false;
    for (const v of vals.filter((x) => x.includes(HIDDEN_VALUE))) {
      let pattern = "";
      let at = 0;
      for (const m of v.matchAll(hiddenPiece)) {
        const kind = m[1]!.endsWith(`; ${HIDDEN_NUMBER_TEXT}`) ? NUMBER_PIECE : m[1]!.endsWith(`; ${HIDDEN_BASE64_TEXT}`) ? BASE64_PIECE : undefined;
        // (inside a file name: after known text of its segment, a separator before; a whole segment may name any
        // file of its folder)
        const inName = m.index! > 0 && !/[/\\]/.test(v[m.index! - 1]!) && /[/\\]/.test(v.slice(0, m.index));
        if (!kind || !inName) exposed = true;
        else excused.add(m[1]!);
        pattern += v.slice(at, m.index) + (kind ?? "");
        at = m.index! + m[0].length;
      }
      pattern += v.slice(at);
      // a hidden piece as a whole path or segment, or a path the pieces can make a listed location
      if (!exposed && (/^<[^<>]*>$/.test(v) || patternCouldBe(pattern.replace(/<[^<>]*>/g, BASE64_PIECE), list, false))) exposed = true;
    }
    if (exposed || ops.some((o) => o.opaque.some((x) => x.includes(HIDDEN_VALUE) && !excused.has(x)))) {
      severity = raise(severity, entry.kind === "file-read" ? "high" : "critical");
      reasons.push("a location the model hides (its path is computed from the model's own constants by an op the scanner does not evaluate)");
    }
  }
  const dynamic = ops.some((o) => o.opaque.length > 0) && vals.length === 0;
  let message = `${node.op} ${entry.does}`;
  if (entry.kind === "python-callback") {
    const token = attrStrings(node.attr.get("token"))[0];
    message += token ? ` (token ${JSON.stringify(cut(token, 60))}); the function itself is not in the file and runs whatever the loading process registered` : "; the function itself is not in the file";
  } else if (reasons.length) message += `; the path targets ${reasons.join(" and ")}`;
  else if (dynamic) message += "; the path is supplied at run time";
  return { kind: entry.kind, severity, capabilities: [...caps], message, evidence: evidenceFor(node.op, ops) };
}

/** "/job:worker/replica:0/task:0/device:CPU:0" on a job other than localhost reaches another host. */
function remoteDevice(device: string): string | undefined {
  // TensorFlow's device-name parser lets a later component override an earlier one: the last
  // /job: places the node ("/job:localhost/job:worker/..." runs on worker, observed with 2.20).
  const jobs = [...device.matchAll(/\/job:([^/]+)/g)].map((m) => m[1]!);
  const job = jobs[jobs.length - 1];
  if (job === undefined || job === "localhost") return undefined;
  return job;
}

const CLASS_KIND = { read: "file-read", write: "file-write", network: "network", callback: "python-callback" } as const;

/** A catalogue entry made from the generated class row of an op the catalogue does not list. */
function entryFromClass(info: TfOpClassInfo): TfOpEntry | undefined {
  if (!(info.cls in CLASS_KIND)) return undefined;
  const kind = CLASS_KIND[info.cls as keyof typeof CLASS_KIND];
  const caps: Capability[] = kind === "python-callback" ? ["exec"] : [kind];
  const does = info.rule.replace(/^(?:reviewed|catalogue[^:]*|module [\w.]+|name rule|path-like string operand)\s*:?\s*/, "") || `is classified ${info.cls}`;
  return { kind, capabilities: caps, pathInputs: info.pathInputs.filter((p) => p.index >= 0).map((p) => p.index), pathAttrs: info.pathAttrs, when: "always", does: `(${info.module.split(".").pop() || "no Python wrapper"}) ${does}` };
}

/** Ops the class table does not clear: unreviewed ops, ops without kernels, ops running serialized graphs. */
function judgeByClass(node: TfNodeDef, info: TfOpClassInfo, ctx: JudgeContext | undefined): TfNodeJudgement | undefined {
  const entry = entryFromClass(info);
  if (entry) return judgeOp(node, entry, ctx);
  const pathOps = operands(node, { kind: "file-read", capabilities: [], when: "always", does: "", pathInputs: info.pathInputs.filter((p) => p.index >= 0).map((p) => p.index), pathAttrs: info.pathAttrs }, ctx);
  const evidence = pathOps.length ? evidenceFor(node.op, pathOps) : cut(node.op);
  switch (info.cls) {
    case "embedded":
      return {
        kind: "embedded-graph",
        severity: "high",
        capabilities: ["exec", "unverifiable"],
        message: `${node.op} runs a graph not stored in the model's structure (${info.rule.replace(/^reviewed: /, "")})`,
        evidence,
      };
    case "nokernel":
      return {
        kind: "unknown-op",
        severity: "low",
        capabilities: ["custom-code"],
        message: `Op ${node.op} has no kernel in TensorFlow ${TF_REGISTRY_SOURCES.live} (test or placeholder op): it runs only with a kernel library loaded by the program`,
        evidence,
      };
    case "unreviewed": {
      const pathLike = info.pathInputs.length > 0 || info.pathAttrs.length > 0;
      return {
        kind: "unreviewed-op",
        severity: pathLike ? "medium" : "low",
        capabilities: pathLike ? ["file-read", "unverifiable"] : ["unverifiable"],
        message: `Op ${node.op} is registered by TensorFlow but no rule has classified it (${info.rule})${pathLike ? "; it takes a path-like string" : ""}`,
        evidence,
      };
    }
    default:
      return undefined;
  }
}

/** Judges one NodeDef: the op catalogue, its traced operands and its device. */
export function judgeNodeDef(node: TfNodeDef, ctx?: JudgeContext): TfNodeJudgement[] {
  const out: TfNodeJudgement[] = [];
  const entry = tfOpEntry(node.op);
  if (entry) {
    const v1Save = node.op === "Save" || node.op === "SaveSlices";
    const quiet = entry.checkpoint && ctx?.isCheckpoint && !(v1Save && ctx.tf2);
    if (!quiet) {
      const j = judgeOp(node, entry, ctx);
      if (j) {
        if (v1Save && ctx?.tf2) j.message += "; V1 checkpoint ops have no place in a TF2 graph";
        out.push(j);
      }
    }
  } else if (node.op === "ParseTensor" && node.attr.get("out_type")?.type === DT_RESOURCE) {
    // a resource handle parsed from bytes: the kernel fails a CHECK and aborts the process (2.20)
    out.push({ kind: "availability", severity: "medium", capabilities: ["global-state"], message: "ParseTensor with out_type resource aborts the process (a failed internal check in the kernel)", evidence: "ParseTensor(out_type=DT_RESOURCE)" });
  } else if (tfOpClass(node.op) && !(ctx?.isKnownOp && ctx.isKnownOp(node.op) === false)) {
    const j = judgeByClass(node, tfOpClass(node.op)!, ctx);
    if (j) out.push(j);
  } else if (ctx?.isKnownOp && ctx.isKnownOp(node.op) === false) {
    out.push({
      kind: "unknown-op",
      severity: "low",
      capabilities: ["custom-code"],
      message: `Op ${node.op} is not in TensorFlow's op registry: it needs a custom kernel library loaded by the program`,
      evidence: cut(node.op),
    });
  }
  const job = remoteDevice(node.device);
  if (job) {
    out.push({
      kind: "remote-device",
      severity: "high",
      capabilities: ["network"],
      message: `Node is placed on job "${cut(job, 40)}", another host in a distributed cluster`,
      evidence: `${node.op} @ ${cut(node.device)}`,
    });
  }
  return out;
}
