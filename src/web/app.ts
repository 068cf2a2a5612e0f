// Browser page: scans dropped files or folders locally (nothing is uploaded) with the same core.
import { MemorySource } from "../core/bytes.js";
import { MemoryTree } from "../core/fs.js";
import type { Report } from "../core/types.js";
import { renderHtml } from "../report/html.js";
import { renderJson } from "../report/json.js";
import { renderSarif } from "../report/sarif.js";
import { verdict } from "../report/summary.js";
import { ALL_RULES } from "../rules/index.js";
import { scanTree } from "../scanner.js";

/** A browser File as a lazy ByteSource: only the slices the readers ask for are read. */
class BlobSource {
  readonly size: number;
  constructor(
    readonly name: string,
    private readonly blob: Blob,
  ) {
    this.size = blob.size;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const end = Math.max(start, Math.min(offset + length, this.size));
    return new Uint8Array(await this.blob.slice(start, end).arrayBuffer());
  }
}

/** Scans a list of files (with their relative paths, for dropped folders). */
export async function scanFiles(files: { path: string; blob: Blob }[]): Promise<Report> {
  const tree = new MemoryTree(files.map((f) => [f.path, new BlobSource(f.path, f.blob)]));
  const roots = [...new Set(files.map((f) => f.path.split("/")[0]!))];
  let out: Report | undefined;
  for (const root of roots) {
    const r = await scanTree(tree, root, root, { hash: true });
    if (!out) out = r;
    else {
      out.targets.push(...r.targets);
      out.findings.push(...r.findings);
      out.errors.push(...r.errors);
    }
  }
  return out ?? scanTree(new MemoryTree([["(empty)", new MemorySource("(empty)", new Uint8Array())]]), "(empty)", "(empty)");
}

function download(name: string, text: string, type: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function filesFromDrop(dt: DataTransfer): Promise<{ path: string; blob: Blob }[]> {
  const out: { path: string; blob: Blob }[] = [];
  type Entry = { isFile: boolean; isDirectory: boolean; fullPath: string; file?: (cb: (f: File) => void, err: (e: unknown) => void) => void; createReader?: () => { readEntries: (cb: (es: Entry[]) => void, err: (e: unknown) => void) => void } };
  const walk = async (e: Entry): Promise<void> => {
    if (e.isFile && e.file) {
      const f = await new Promise<File>((res, rej) => e.file!(res, rej));
      out.push({ path: e.fullPath.replace(/^\/+/, ""), blob: f });
    } else if (e.isDirectory && e.createReader) {
      const reader = e.createReader();
      for (;;) {
        const batch = await new Promise<Entry[]>((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const c of batch) await walk(c);
      }
    }
  };
  const items = [...dt.items];
  const entries = items.map((i) => (i as unknown as { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.() ?? null);
  if (entries.every((e) => e)) for (const e of entries) await walk(e!);
  else for (const f of [...dt.files]) out.push({ path: f.name, blob: f });
  return out;
}

function main(): void {
  const drop = document.getElementById("drop")!;
  const input = document.getElementById("file") as HTMLInputElement;
  const dirInput = document.getElementById("dir") as HTMLInputElement;
  const result = document.getElementById("result") as HTMLIFrameElement;
  const status = document.getElementById("status")!;
  const verdictEl = document.getElementById("verdict")!;
  const buttons = document.getElementById("downloads")!;
  let last: Report | undefined;
  let generation = 0;
  const run = async (files: { path: string; blob: Blob }[]) => {
    if (!files.length) return;
    // Every scan starts from a clean page: no stale verdict, report, count or download.
    const mine = ++generation;
    last = undefined;
    buttons.hidden = true;
    verdictEl.hidden = true;
    verdictEl.textContent = "";
    verdictEl.className = "";
    result.srcdoc = "";
    status.textContent = `Scanning ${files.length} file(s) locally…`;
    const t0 = performance.now();
    try {
      const report = await scanFiles(files);
      if (mine !== generation) return;
      last = report;
      const v = verdict(report, "medium");
      verdictEl.textContent = v.line;
      verdictEl.className = v.status === "PASS" ? "pass" : "fail";
      verdictEl.hidden = false;
      result.srcdoc = renderHtml(report);
      status.textContent = `${files.length} file(s), ${report.targets.length} target(s), done in ${Math.round(performance.now() - t0)} ms. Nothing left this page.`;
      buttons.hidden = false;
    } catch (e) {
      if (mine !== generation) return;
      status.textContent = `Scan failed: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      // Choosing the same file or folder again must scan again.
      input.value = "";
      dirInput.value = "";
    }
  };
  input.addEventListener("change", () => void run([...(input.files ?? [])].map((f) => ({ path: f.name, blob: f }))));
  dirInput.addEventListener("change", () => void run([...(dirInput.files ?? [])].map((f) => ({ path: (f as File & { webkitRelativePath: string }).webkitRelativePath || f.name, blob: f }))));
  drop.addEventListener("dragover", (e) => e.preventDefault());
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer) void filesFromDrop(e.dataTransfer).then(run);
  });
  document.getElementById("dl-json")!.addEventListener("click", () => last && download("graphwarden.json", renderJson(last), "application/json"));
  document.getElementById("dl-sarif")!.addEventListener("click", () => last && download("graphwarden.sarif", renderSarif(last, ALL_RULES), "application/sarif+json"));
}

if (typeof document !== "undefined") main();
