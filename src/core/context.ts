// Scan context: where findings and errors go, how archive members are handed back to sniffing.
import type { ByteSource } from "./bytes.js";
import { FormatError, LimitError } from "./bytes.js";
import type { Limits } from "./limits.js";
import type { Finding, Location, ScanError, Severity, TargetReport } from "./types.js";
import { SEVERITIES, maxSeverity } from "./types.js";
import type { Rule, RuleFinding, Subjects } from "../rules/types.js";

export interface Session {
  findings: Finding[];
  errors: ScanError[];
  limits: Limits;
  rules: readonly Rule[];
  /** Sniffs a member and runs the matching handler (set by scanner.ts). */
  scanSource(ctx: ScanContext, src: ByteSource): Promise<void>;
  /** Work queued by synchronous engines (e.g. an embedded archive to scan); drained by the scanner. */
  deferred: (() => Promise<void>)[];
  /** Wall-clock deadline (ms since epoch) of the target being scanned. */
  deadline: number;
  /** Keys of findings already reported (see emit). */
  seen?: Set<string>;
}

/** Findings listed so far for one target, per archive scope, and the closing "N more" findings. */
interface CapState {
  listed: number;
  perScope: Map<string, number>;
  summaries: Map<string, { finding: Finding; count: number; bySeverity: Partial<Record<Severity, number>> }>;
}

const caps = new WeakMap<TargetReport, CapState>();

/** The archives a member chain lies in: "" (the target) and every proper prefix of "a!b!c". */
function scopesOf(member: string): string[] {
  const out = [""];
  if (!member) return out;
  const parts = member.split("!");
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join("!"));
  return out;
}

export class ScanContext {
  constructor(
    readonly session: Session,
    readonly target: TargetReport,
    /** Member chain inside the target ("" for the target itself). */
    readonly member: string,
    /** How many archives deep this context is. */
    readonly depth = 0,
  ) {}

  get limits(): Limits {
    return this.session.limits;
  }

  location(pointer?: string): Location {
    const loc: Location = { path: this.target.path };
    if (this.member) loc.member = this.member;
    if (pointer !== undefined && pointer !== "") loc.pointer = pointer;
    return loc;
  }

  /** Records a finding for a rule. */
  emit(rule: Rule, f: RuleFinding, pointer?: string): void {
    const finding: Finding = {
      rule: rule.meta.id,
      severity: f.severity ?? rule.meta.severity,
      capabilities: [...new Set(f.capabilities)],
      trigger: f.trigger,
      location: this.location(f.pointer ?? pointer),
      message: f.message,
    };
    if (f.evidence !== undefined) finding.evidence = f.evidence;
    const refs = [...(rule.meta.references ?? []), ...(f.references ?? [])];
    if (refs.length) finding.references = [...new Set(refs)];
    if (f.affectedVersions?.length) finding.affectedVersions = f.affectedVersions;
    if (f.confidence) finding.confidence = f.confidence;
    // The same Keras layer can be described several times in one member (keras_metadata.pb repeats
    // a layer's config in every enclosing node): one statement per member, at its first pointer.
    if (/^GW[12]\d\d$/.test(finding.rule)) {
      const key = JSON.stringify([finding.rule, finding.severity, finding.trigger, finding.location.path, finding.location.member ?? "", finding.message, finding.evidence ?? ""]);
      const seen = (this.session.seen ??= new Set<string>());
      if (seen.has(key)) return;
      seen.add(key);
    }
    if (this.admit(finding)) this.session.findings.push(finding);
  }

  /**
   * Amplification guard: at most maxFindingsPerTarget findings per target and maxFindingsPerArchive
   * inside one nested archive are listed. Each further finding is counted in one closing GW003
   * finding of its scope, whose severity is the highest it stands for (exit codes do not change).
   */
  private admit(f: Finding): boolean {
    const lim = this.limits;
    let st = caps.get(this.target);
    if (!st) caps.set(this.target, (st = { listed: 0, perScope: new Map(), summaries: new Map() }));
    const scopes = scopesOf(this.member);
    let over: string | undefined;
    if (st.listed >= lim.maxFindingsPerTarget) over = "";
    else for (const s of scopes) if (s !== "" && (st.perScope.get(s) ?? 0) >= lim.maxFindingsPerArchive) {
      over = s;
      break;
    }
    if (over === undefined) {
      st.listed++;
      for (const s of scopes) if (s !== "") st.perScope.set(s, (st.perScope.get(s) ?? 0) + 1);
      return true;
    }
    // Once the target cap is reached, no new per-archive summary is opened: the target's counts it.
    if (!st.summaries.has(over) && st.listed >= lim.maxFindingsPerTarget) over = "";
    let sum = st.summaries.get(over);
    if (!sum) {
      const location: Location = { path: this.target.path };
      if (over) location.member = over;
      sum = { finding: { rule: "GW003", severity: f.severity, capabilities: [], trigger: f.trigger, location, message: "" }, count: 0, bySeverity: {} };
      st.summaries.set(over, sum);
      this.session.findings.push(sum.finding);
    }
    sum.count++;
    sum.bySeverity[f.severity] = (sum.bySeverity[f.severity] ?? 0) + 1;
    sum.finding.severity = maxSeverity(sum.finding.severity, f.severity);
    for (const c of f.capabilities) if (!sum.finding.capabilities.includes(c)) sum.finding.capabilities.push(c);
    const cap = over ? lim.maxFindingsPerArchive : lim.maxFindingsPerTarget;
    const sev = SEVERITIES.filter((x) => sum.bySeverity[x]).map((x) => `${sum.bySeverity[x]} ${x}`).join(", ");
    sum.finding.message = `${sum.count} more finding${sum.count === 1 ? "" : "s"} ${over ? "in this archive" : "in this target"} not listed (${sev}; at most ${cap} are listed per ${over ? "archive" : "target"}).`;
    return false;
  }

  /** Hands a subject to every rule that listens for its kind. */
  dispatch<K extends keyof Subjects>(kind: K, subject: Subjects[K], pointer?: string): void {
    for (const rule of this.session.rules) {
      const h = rule.on[kind] as ((s: Subjects[K], r: (f: RuleFinding) => void) => void) | undefined;
      if (h) h(subject, (f) => this.emit(rule, f, pointer));
    }
  }

  /** The target could not be fully scanned: fail closed. */
  error(message: string, pointer?: string): void {
    this.target.status = "error";
    const f: Finding = {
      rule: "GW001",
      severity: "medium",
      capabilities: ["unverifiable"],
      trigger: "unknown",
      location: this.location(pointer),
      message: `Could not be fully scanned: ${message}`,
    };
    // Past the caps an error is only counted (the target's status stays "error").
    if (!this.admit(f)) return;
    const e: ScanError = { path: this.target.path, message };
    if (this.member) e.member = this.member;
    this.session.errors.push(e);
    this.session.findings.push(f);
  }

  /** Runs fn; turns a thrown FormatError/LimitError (or any crash) into an error entry. */
  async guard(what: string, fn: () => Promise<void> | void, pointer?: string): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.error(describeError(what, e), pointer);
    }
  }

  /** A context for an archive member. */
  child(memberName: string): ScanContext {
    const chain = this.member ? `${this.member}!${memberName}` : memberName;
    return new ScanContext(this.session, this.target, chain, this.depth + 1);
  }

  /** Sniffs an archive member and scans it like a file of its own. */
  async scanMember(src: ByteSource, memberName: string): Promise<void> {
    const c = this.child(memberName);
    if (c.depth > this.limits.maxArchiveDepth) {
      c.error(`archive nesting deeper than ${this.limits.maxArchiveDepth} levels`);
      return;
    }
    await this.session.scanSource(c, src);
  }

  /** Throws a LimitError once the target's time budget is spent (engines call it in long loops). */
  checkTime(): void {
    if (Date.now() > this.session.deadline) throw new LimitError(`scan of this target exceeded ${Math.round(this.limits.targetTimeoutMs / 1000)} s`);
  }

  /** Queues async work (scanning an embedded file) from synchronous code; the scanner awaits it. */
  defer(what: string, fn: () => Promise<void>): void {
    this.session.deferred.push(() => this.guard(what, fn));
  }

  getDetail(key: string): string | number | boolean | undefined {
    return this.target.details?.[this.member ? `${this.member}:${key}` : key];
  }

  detail(key: string, value: string | number | boolean): void {
    (this.target.details ??= {})[this.member ? `${this.member}:${key}` : key] = value;
  }
}

export function describeError(what: string, e: unknown): string {
  if (e instanceof FormatError || e instanceof LimitError) return `${what}: ${e.message}`;
  if (e instanceof RangeError) return `${what}: resource limit hit (${e.message})`;
  if (e instanceof Error) return `${what}: ${e.message}`;
  return `${what}: ${String(e)}`;
}
