// Live progress on long scans: one line on stderr, only when stderr is a terminal (never in pipes
// or CI logs), redrawn at most 4 times a second, erased before the report prints.
import { severityRank, type Finding, type TargetReport } from "../core/types.js";

export class Progress {
  private done = 0;
  private withFindings = 0;
  private bytes = 0;
  private current = "";
  private readonly started = Date.now();
  private last = 0;
  private shown = false;
  private timer: ReturnType<typeof setInterval>;

  private constructor(private readonly out: NodeJS.WriteStream) {
    this.timer = setInterval(() => this.draw(), 250);
    this.timer.unref();
  }

  /** A progress line for this process, or undefined when stderr is not an interactive terminal. */
  static forStderr(): Progress | undefined {
    const e = process.stderr;
    if (!e.isTTY || process.env["CI"] || process.env["TERM"] === "dumb") return undefined;
    return new Progress(e);
  }

  readonly onTarget = (t: TargetReport, findings: readonly Finding[]): void => {
    this.done++;
    this.bytes += t.bytes;
    if (findings.some((f) => severityRank(f.severity) >= severityRank("medium"))) this.withFindings++;
    this.current = t.path;
  };

  private draw(): void {
    const now = Date.now();
    if (now - this.started < 500 || now - this.last < 250) return;
    this.last = now;
    const mb = (this.bytes / 1048576).toFixed(1);
    const secs = ((now - this.started) / 1000).toFixed(1);
    // The path is shown without control characters and cut to the terminal width.
    // eslint-disable-next-line no-control-regex
    const cur = this.current.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "?");
    const width = Math.max(20, (this.out.columns ?? 80) - 1);
    let line = `scanning: ${this.done} done (${this.withFindings} with findings), ${mb} MB, ${secs} s  ${cur}`;
    if (line.length > width) line = line.slice(0, width - 1) + "…";
    this.out.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.shown) this.out.write("\r\x1b[2K");
  }
}
