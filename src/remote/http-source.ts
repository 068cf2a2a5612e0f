// Remote files read by HTTP byte ranges (Node only; the browser build never imports src/remote).
// Reads are rounded up to blocks and cached for the run; transient failures are retried with
// backoff; every byte received counts against a per-target cap, so a lazy reader that only needs
// headers and graphs pulls a few hundred kilobytes of a multi-gigabyte model.
import type { ByteSource } from "../core/bytes.js";

export interface RemoteOptions {
  /** Reads are rounded up to whole blocks of this size (bytes). */
  blockSize: number;
  /** Most bytes received for one target; over it the target is an error. */
  maxFetchBytes: number;
  /** A server that ignores Range is downloaded whole only up to this size. */
  maxWholeBytes: number;
  /** Retries after a 5xx, 429 or network failure (timeouts, resets, truncated bodies). */
  retries: number;
  /** First backoff delay; doubled after each retry. */
  backoffMs: number;
  /** Time budget of one request, body included. */
  requestTimeoutMs: number;
  /** Most redirects followed for one request. */
  maxRedirects: number;
  /** Most bytes cached per file (least recently used blocks dropped beyond it). */
  maxCacheBytes: number;
  /** Sent with every request to the origin it was given for (dropped when a redirect leaves that origin). */
  headers?: Record<string, string>;
}

export const DEFAULT_REMOTE: RemoteOptions = {
  blockSize: 16 * 1024,
  maxFetchBytes: 256 * 1024 * 1024,
  maxWholeBytes: 16 * 1024 * 1024,
  retries: 3,
  backoffMs: 250,
  requestTimeoutMs: 30_000,
  maxRedirects: 5,
  maxCacheBytes: 64 * 1024 * 1024,
};

/** A remote read failed for good (HTTP status, no range support over the limit, cap, network). */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = "RemoteError";
  }
}

/** Bytes received for the target being scanned, and the first failure seen while scanning it. */
export class FetchMeter {
  bytes = 0;
  requests = 0;
  failure: string | undefined;
  constructor(readonly cap: number) {}
  fail(message: string): void {
    this.failure ??= message;
  }
}

/** Shared by every source of one run: options and the meter of the target currently scanned. */
export class RemoteSession {
  readonly opts: RemoteOptions;
  /** Bytes fetched outside any target (folder listing, directory detection). */
  readonly walk: FetchMeter;
  current: FetchMeter;
  constructor(opts: Partial<RemoteOptions> = {}) {
    this.opts = { ...DEFAULT_REMOTE, ...opts };
    this.walk = new FetchMeter(this.opts.maxFetchBytes);
    this.current = this.walk;
  }
  begin(): FetchMeter {
    this.current = new FetchMeter(this.opts.maxFetchBytes);
    return this.current;
  }
  end(): void {
    this.current = this.walk;
  }

  /** Bytes about to be received: refused once the target's cap would be passed. */
  charge(n: number, url: string): void {
    const m = this.current;
    if (m.bytes + n > m.cap) {
      const msg = `fetching ${url} would pass the cap of ${m.cap} bytes fetched per target (${m.bytes} fetched so far; raise it with --max-fetch-mb)`;
      m.fail(msg);
      throw new RemoteError(msg);
    }
    m.bytes += n;
  }

  /** GET with bounded redirects, a timeout, and retries with backoff on transient failures. */
  async get(url: string, headers: Record<string, string>, onResponse: (r: Response, finalUrl: string) => Promise<Uint8Array>): Promise<{ data: Uint8Array; url: string }> {
    let delay = this.opts.backoffMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(url, headers, onResponse);
      } catch (e) {
        const retryable = e instanceof RemoteError ? e.retryable : true;
        if (!retryable || attempt >= this.opts.retries) {
          const msg = e instanceof RemoteError ? e.message : `${url}: ${networkMessage(e)}${attempt > 0 ? ` (after ${attempt + 1} attempts)` : ""}`;
          this.current.fail(msg);
          throw e instanceof RemoteError ? e : new RemoteError(msg);
        }
        await new Promise((r) => setTimeout(r, delay));
        delay *= 2;
      }
    }
  }

  private async once(url: string, extra: Record<string, string>, onResponse: (r: Response, finalUrl: string) => Promise<Uint8Array>): Promise<{ data: Uint8Array; url: string }> {
    const origin = new URL(url).origin;
    const signal = AbortSignal.timeout(this.opts.requestTimeoutMs);
    let current = url;
    for (let hop = 0; ; hop++) {
      const sameOrigin = new URL(current).origin === origin;
      const headers: Record<string, string> = { "accept-encoding": "identity", ...extra, ...(sameOrigin ? this.opts.headers : {}) };
      this.current.requests++;
      const r = await fetch(current, { headers, redirect: "manual", signal });
      if (r.status >= 300 && r.status < 400 && r.headers.get("location")) {
        await r.body?.cancel().catch(() => undefined);
        if (hop >= this.opts.maxRedirects) throw new RemoteError(`${url}: more than ${this.opts.maxRedirects} redirects`);
        const next = new URL(r.headers.get("location")!, current);
        if (next.protocol !== "https:" && next.protocol !== "http:") throw new RemoteError(`${url}: redirect to a ${next.protocol} URL refused`);
        current = next.href;
        continue;
      }
      if (r.status >= 500 || r.status === 429) {
        await r.body?.cancel().catch(() => undefined);
        throw new RemoteError(`${current}: HTTP ${r.status} ${r.statusText}`.trim(), true);
      }
      if (r.status >= 400) {
        await r.body?.cancel().catch(() => undefined);
        throw new RemoteError(`${current}: HTTP ${r.status} ${r.statusText}`.trim());
      }
      return { data: await onResponse(r, current), url: current };
    }
  }

  /** Reads a body, counting every byte against the target's cap, refusing more than `limit`. */
  async body(r: Response, url: string, limit: number, what: string): Promise<Uint8Array> {
    const declared = r.headers.get("content-length");
    if (declared !== null && Number(declared) > limit) {
      await r.body?.cancel().catch(() => undefined);
      throw new RemoteError(`${url}: ${what} of ${declared} bytes is above the ${limit}-byte limit`);
    }
    const chunks: Uint8Array[] = [];
    let got = 0;
    if (r.body) {
      const reader = r.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        got += value.length;
        if (got > limit) {
          await reader.cancel().catch(() => undefined);
          throw new RemoteError(`${url}: ${what} is above the ${limit}-byte limit`);
        }
        try {
          this.charge(value.length, url);
        } catch (e) {
          await reader.cancel().catch(() => undefined);
          throw e;
        }
        chunks.push(value);
      }
    }
    if (declared !== null && got !== Number(declared)) throw new RemoteError(`${url}: truncated response (${got} of ${declared} bytes)`, true);
    const out = new Uint8Array(got);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

function networkMessage(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === "TimeoutError" || e.name === "AbortError") return "request timed out";
    const cause = (e as { cause?: unknown }).cause;
    const c = cause instanceof Error ? `: ${cause.message}` : "";
    // undici: the connection closed before the announced body was complete.
    if (e.message === "terminated") return `response cut short (truncated)${c}`;
    return `${e.message}${c}`;
  }
  return String(e);
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

/** One remote file. The size comes from a listing, or from the first ranged request. */
export class HttpSource implements ByteSource {
  private readonly blocks = new Map<number, Promise<Uint8Array>>();
  private whole: Uint8Array | undefined;
  private resolved: string;
  private constructor(
    readonly name: string,
    readonly url: string,
    readonly size: number,
    private readonly session: RemoteSession,
  ) {
    this.resolved = url;
  }

  /** Opens a URL; `size` known from a listing saves the probe (it is still checked on every range). */
  static async open(session: RemoteSession, name: string, url: string, size?: number): Promise<HttpSource> {
    if (size !== undefined) return new HttpSource(name, url, size, session);
    // The probe asks for the first block: the size from Content-Range, and the bytes sniffing reads first.
    const B = session.opts.blockSize;
    let total = -1;
    let whole = false;
    const { data, url: finalUrl } = await session.get(url, { range: `bytes=0-${B - 1}` }, async (r, u) => {
      if (r.status === 206) {
        const m = CONTENT_RANGE.exec(r.headers.get("content-range") ?? "");
        if (!m || m[3] === "*" || m[1] !== "0") {
          await r.body?.cancel().catch(() => undefined);
          throw new RemoteError(`${u}: unusable Content-Range ${JSON.stringify(r.headers.get("content-range"))}`);
        }
        total = Number(m[3]);
        const want = Number(m[2]) + 1;
        const d = await session.body(r, u, want, "range");
        if (d.length !== want) throw new RemoteError(`${u}: truncated range (${d.length} of ${want} bytes)`, true);
        return d;
      }
      if (r.status === 200) {
        whole = true;
        return session.body(r, u, session.opts.maxWholeBytes, "the server ignores byte ranges, so the file would be downloaded whole; it");
      }
      if (r.status === 416) {
        // An empty file: no byte 0 to return.
        await r.body?.cancel().catch(() => undefined);
        total = 0;
        return new Uint8Array(0);
      }
      await r.body?.cancel().catch(() => undefined);
      throw new RemoteError(`${u}: unexpected HTTP ${r.status}`);
    });
    if (whole) total = data.length;
    const s = new HttpSource(name, url, total, session);
    s.resolved = finalUrl;
    if (whole) s.whole = data;
    else if (data.length > 0) s.blocks.set(0, Promise.resolve(data));
    return s;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const end = Math.max(start, Math.min(offset + length, this.size));
    if (end === start) return new Uint8Array(0);
    if (this.whole) return this.whole.subarray(start, end);
    const B = this.session.opts.blockSize;
    const b0 = Math.floor(start / B);
    const b1 = Math.floor((end - 1) / B);
    // Missing blocks are fetched in contiguous runs, one request per run (capped at 16 MiB each).
    const maxRun = Math.max(1, Math.floor((16 * 1024 * 1024) / B));
    let runStart = -1;
    const flush = (upTo: number): void => {
      if (runStart < 0) return;
      this.fetchRun(runStart, upTo);
      runStart = -1;
    };
    for (let b = b0; b <= b1; b++) {
      if (this.blocks.has(b)) {
        flush(b - 1);
        continue;
      }
      if (runStart < 0) runStart = b;
      else if (b - runStart + 1 > maxRun) {
        flush(b - 1);
        runStart = b;
      }
    }
    flush(b1);
    if (this.whole) return (this.whole as Uint8Array).subarray(start, end);
    const parts: Uint8Array[] = [];
    for (let b = b0; b <= b1; b++) {
      const p = this.blocks.get(b)!;
      // Touch for LRU order.
      this.blocks.delete(b);
      this.blocks.set(b, p);
      parts.push(await p);
    }
    if (this.whole) return (this.whole as Uint8Array).subarray(start, end);
    this.evict();
    const out = new Uint8Array(end - start);
    let o = 0;
    for (let i = 0; i < parts.length; i++) {
      const blockStart = (b0 + i) * B;
      const from = Math.max(start, blockStart) - blockStart;
      const to = Math.min(end, blockStart + parts[i]!.length) - blockStart;
      if (to > from) {
        out.set(parts[i]!.subarray(from, to), o);
        o += to - from;
      }
    }
    if (o !== out.length) throw new RemoteError(`${this.url}: short read (${o} of ${out.length} bytes)`);
    return out;
  }

  private evict(): void {
    const B = this.session.opts.blockSize;
    while (this.blocks.size * B > this.session.opts.maxCacheBytes) {
      const oldest = this.blocks.keys().next().value as number;
      this.blocks.delete(oldest);
    }
  }

  /** Fetches blocks [first..last] in one ranged request; each block's promise settles with it. */
  private fetchRun(first: number, last: number): void {
    const B = this.session.opts.blockSize;
    const from = first * B;
    const to = Math.min(this.size, (last + 1) * B) - 1;
    const all = this.session
      .get(this.resolved, { range: `bytes=${from}-${to}` }, async (r, u) => {
        if (r.status === 200) {
          // The server ignores Range: the whole file, within the limit, serves every later read.
          const d = await this.session.body(r, u, Math.min(this.session.opts.maxWholeBytes, this.size), `the server ignores byte ranges, so the file would be downloaded whole; it`);
          if (d.length !== this.size) throw new RemoteError(`${u}: ${d.length} bytes received, ${this.size} expected`);
          this.whole = d;
          return d.subarray(from, to + 1);
        }
        if (r.status !== 206) {
          await r.body?.cancel().catch(() => undefined);
          throw new RemoteError(`${u}: unexpected HTTP ${r.status} for a byte range`);
        }
        const m = CONTENT_RANGE.exec(r.headers.get("content-range") ?? "");
        if (!m || Number(m[1]) !== from || Number(m[2]) !== to || (m[3] !== "*" && Number(m[3]) !== this.size)) {
          await r.body?.cancel().catch(() => undefined);
          throw new RemoteError(`${u}: Content-Range ${JSON.stringify(r.headers.get("content-range"))} does not answer bytes=${from}-${to} of ${this.size}`);
        }
        const d = await this.session.body(r, u, to - from + 1, "range");
        if (d.length !== to - from + 1) throw new RemoteError(`${u}: truncated range (${d.length} of ${to - from + 1} bytes)`, true);
        return d;
      })
      .then((x) => x.data);
    for (let b = first; b <= last; b++) {
      const off = (b - first) * B;
      const p = all.then((d) => d.subarray(off, Math.min(off + B, d.length)));
      // A failed run is forgotten, so a later read may try again; the failure is on the meter.
      p.catch(() => {
        if (this.blocks.get(b) === p) this.blocks.delete(b);
      });
      this.blocks.set(b, p);
    }
  }
}
