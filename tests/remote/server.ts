// A real HTTP server on loopback serving repository files, with switchable misbehaviour, and an
// imitation of the documented Hugging Face Hub routes (tree listing, revision siblings, resolve).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { AddressInfo } from "node:net";

export const REPO_ROOT = resolve(new URL("../..", import.meta.url).pathname);

export interface Served {
  url: string;
  server: Server;
  /** Every request seen: method, path, Range header, Authorization header. */
  log: { method: string; path: string; range?: string; auth?: string }[];
  /** Hub repositories: "org/name" -> local folder. */
  hubRepos: Map<string, string>;
  /** Hub listing style: "tree" (with a page size), or "siblings" (tree route answers 404). */
  hub: { style: "tree" | "siblings"; pageSize: number; token?: string; cdn?: string };
  /** Extra files served by name (a large file outside the repository). */
  extra: Map<string, string>;
  close(): Promise<void>;
}

function walk(dir: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  const go = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) go(p);
      else if (st.isFile()) out.push({ path: relative(dir, p).split(sep).join("/"), size: st.size });
    }
  };
  go(dir);
  return out;
}

function fileFor(rel: string, base = REPO_ROOT): string | undefined {
  const p = resolve(base, decodeURIComponent(rel));
  if (p !== base && !p.startsWith(base + sep)) return undefined;
  try {
    return statSync(p).isFile() ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Serves `abs`: ranges honoured when `ranges`, else the whole file with 200. */
function serveFile(req: IncomingMessage, res: ServerResponse, abs: string, ranges: boolean): void {
  const data = readFileSync(abs);
  const range = req.headers.range;
  const m = ranges && range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
  if (m) {
    const start = Number(m[1]);
    const end = Math.min(data.length - 1, m[2] ? Number(m[2]) : data.length - 1);
    if (start >= data.length) {
      res.writeHead(416, { "content-range": `bytes */${data.length}` });
      res.end();
      return;
    }
    res.writeHead(206, { "content-range": `bytes ${start}-${end}/${data.length}`, "content-length": String(end - start + 1), "accept-ranges": "bytes" });
    res.end(req.method === "HEAD" ? undefined : data.subarray(start, end + 1));
    return;
  }
  res.writeHead(200, { "content-length": String(data.length) });
  res.end(req.method === "HEAD" ? undefined : data);
}

export async function startServer(): Promise<Served> {
  const log: Served["log"] = [];
  const hubRepos = new Map<string, string>();
  const hub: Served["hub"] = { style: "tree", pageSize: 1000 };
  const flaky = new Map<string, number>();
  const extra = new Map<string, string>();
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    log.push({ method: req.method ?? "", path: u.pathname, range: req.headers.range, auth: req.headers.authorization });
    const parts = u.pathname.split("/").filter(Boolean);
    const [mode, ...rest] = parts;
    const notFound = (): void => {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    };
    // Hub API imitation.
    if (mode === "api" && rest[0] === "models") {
      if (hub.token && req.headers.authorization !== `Bearer ${hub.token}`) {
        res.writeHead(401);
        res.end();
        return;
      }
      const repo = `${rest[1]}/${rest[2]}`;
      const dir = hubRepos.get(repo);
      if (!dir) return notFound();
      const files = walk(dir);
      if (rest[3] === "tree" && hub.style === "tree") {
        const entries: unknown[] = [];
        const dirs = new Set<string>();
        for (const f of files) {
          const segs = f.path.split("/");
          for (let i = 1; i < segs.length; i++) {
            const d = segs.slice(0, i).join("/");
            if (!dirs.has(d)) {
              dirs.add(d);
              entries.push({ type: "directory", oid: "0", size: 0, path: d });
            }
          }
          entries.push(f.size > 10_000 ? { type: "file", oid: "0", size: f.size, path: f.path, lfs: { oid: "x", size: f.size, pointerSize: 134 } } : { type: "file", oid: "0", size: f.size, path: f.path });
        }
        const cursor = Number(u.searchParams.get("cursor") ?? "0");
        const page = entries.slice(cursor, cursor + hub.pageSize);
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (cursor + hub.pageSize < entries.length) {
          const next = new URL(u.pathname + u.search, `http://${req.headers.host}`);
          next.searchParams.set("cursor", String(cursor + hub.pageSize));
          headers["link"] = `<${next.href}>; rel="next"`;
        }
        res.writeHead(200, headers);
        res.end(JSON.stringify(page));
        return;
      }
      if (rest[3] === "revision") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: repo, sha: "0123456789abcdef", siblings: files.map((f) => ({ rfilename: f.path, size: f.size })) }));
        return;
      }
      return notFound();
    }
    // {endpoint}/{org}/{name}/resolve/{rev}/{path}: redirect to the file, as the Hub does to its CDN.
    if (parts[2] === "resolve") {
      const dir = hubRepos.get(`${parts[0]}/${parts[1]}`);
      const abs = dir ? fileFor(parts.slice(4).join("/"), dir) : undefined;
      if (!abs) return notFound();
      res.writeHead(302, { location: `${hub.cdn ?? ""}/range/${relative(REPO_ROOT, abs).split(sep).map(encodeURIComponent).join("/")}` });
      res.end();
      return;
    }
    if (mode === "redirect") {
      const n = Number(rest[0]);
      const target = rest.slice(1).join("/");
      res.writeHead(302, { location: n > 1 ? `/redirect/${n - 1}/${target}` : `/range/${target}` });
      res.end();
      return;
    }
    const abs = extra.get(rest.join("/")) ?? fileFor(rest.join("/"));
    if (!abs) return notFound();
    switch (mode) {
      case "range":
        return serveFile(req, res, abs, true);
      case "norange":
        return serveFile(req, res, abs, false);
      case "slow":
        setTimeout(() => {
          if (!res.destroyed) serveFile(req, res, abs, true);
        }, 3000).unref();
        return;
      case "flaky": {
        const k = u.pathname + (req.headers.range ?? "");
        const n = (flaky.get(k) ?? 0) + 1;
        flaky.set(k, n);
        if (n === 1) {
          res.writeHead(503);
          res.end();
          return;
        }
        return serveFile(req, res, abs, true);
      }
      case "truncated": {
        // Announces every byte asked for, sends half, and hangs up.
        const data = readFileSync(abs);
        const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
        const start = m ? Number(m[1]) : 0;
        const end = m && m[2] ? Math.min(data.length - 1, Number(m[2])) : data.length - 1;
        const len = end - start + 1;
        res.writeHead(m ? 206 : 200, { "content-length": String(len), ...(m ? { "content-range": `bytes ${start}-${end}/${data.length}` } : {}) });
        res.write(data.subarray(start, start + Math.floor(len / 2)));
        setTimeout(() => res.destroy(), 20);
        return;
      }
      default:
        return notFound();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    log,
    hubRepos,
    hub,
    extra,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
