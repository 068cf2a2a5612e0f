// Shared archive plumbing: one inflate budget per scanned target, structure checks that dispatch
// container subjects, and handing members back to sniffing.
import { LimitError, type ByteSource } from "../../core/bytes.js";
import type { ScanContext } from "../../core/context.js";
import type { Severity, Trigger } from "../../core/types.js";
import type {} from "../../rules/zip.js";
import { BombError, InflateBudget, declaredBomb } from "./inflate.js";
import { linkEscapes, pathEscape } from "./paths.js";
import { memberSource, overlaps, readLocalHeader, type LocalHeader, type ZipArchive, type ZipEntry } from "./zip.js";

const budgets = new WeakMap<object, InflateBudget>();

/** The inflate budget of the whole target (nested archives share it). */
export function budgetFor(ctx: ScanContext): InflateBudget {
  let b = budgets.get(ctx.target);
  if (!b) {
    b = new InflateBudget(ctx.limits.maxInflateTotal, ctx.limits.maxInflateRatio);
    budgets.set(ctx.target, b);
  }
  return b;
}

export interface ZipCheckOptions {
  container: string;
  /** Does the loader extract the archive at load? */
  extractedOnLoad: boolean;
  /** Names the loader opens by name (duplicates of these are high). */
  loaderNames?: ReadonlySet<string>;
  escapeSeverity?: Severity;
  escapeVersions?: string[];
  trigger: Trigger;
  /** Where sniffing found an HDF5 signature in the same file (a polyglot). */
  hdf5Offset?: number | undefined;
}

export interface CheckedZip {
  zip: ZipArchive;
  locals: Map<ZipEntry, LocalHeader>;
  /** Entries that must not be read (bad local header, bomb); already reported. */
  unreadable: Set<ZipEntry>;
  labels: Map<ZipEntry, string>;
}

/** Display names: shadowed duplicates get a copy suffix so every copy has its own location (computed once, linear). */
export function entryLabels(zip: ZipArchive): Map<ZipEntry, string> {
  const groups = new Map<string, ZipEntry[]>();
  for (const e of zip.entries) {
    const g = groups.get(e.name);
    if (g) g.push(e);
    else groups.set(e.name, [e]);
  }
  const labels = new Map<ZipEntry, string>();
  for (const [name, g] of groups) g.forEach((e, i) => labels.set(e, zip.byName.get(name) === e ? name : `${name}[copy ${i + 1}/${g.length}, not read by zipfile]`));
  return labels;
}

export function entryLabel(c: CheckedZip, e: ZipEntry): string {
  return c.labels.get(e) ?? e.name;
}

/** Directory-level checks of a zip: duplicates, escapes, local headers, declared bombs. */
export async function checkZip(ctx: ScanContext, src: ByteSource, zip: ZipArchive, o: ZipCheckOptions): Promise<CheckedZip> {
  const budget = budgetFor(ctx);
  ctx.detail("members", zip.entries.length);
  if (zip.zip64) ctx.detail("zip64", true);
  if (zip.comment.length) ctx.detail("zip_comment_bytes", zip.comment.length);
  // An HDF5 signature inside a stored member is just that member; one in data before the archive is a polyglot.
  if (o.hdf5Offset !== undefined && o.hdf5Offset < zip.prepended) {
    ctx.dispatch("archive-anomaly", {
      container: o.container,
      name: "(whole file)",
      detail: `the file is also an HDF5 file (signature at offset ${o.hdf5Offset}): Keras opens it as a zip when it is named .keras and as HDF5 when it is named .h5, so each view can hide a different model`,
      severity: "high",
    });
    // The scanner also runs the HDF5 reader on this file (scanner.ts secondViews): both views are judged.
    ctx.detail("polyglot_hdf5", true);
  }
  if (zip.prepended > 0) {
    ctx.detail("prepended_bytes", zip.prepended);
    ctx.dispatch("archive-anomaly", { container: o.container, name: "(start of file)", detail: `${zip.prepended} bytes of other data precede the archive (a polyglot or self-extractor: other tools may read the file as another format)`, severity: "low" });
  }
  const labels = entryLabels(zip);
  const c: CheckedZip = { zip, locals: new Map(), unreadable: new Set(), labels };
  const groups = new Map<string, ZipEntry[]>();
  for (const e of zip.entries) {
    const g = groups.get(e.name);
    if (g) g.push(e);
    else groups.set(e.name, [e]);
  }
  for (const [name, g] of groups) {
    if (g.length < 2) continue;
    const read = zip.byName.get(name)!;
    ctx.dispatch("archive-duplicate", {
      container: o.container,
      name,
      copies: g.map((e) => ({ index: e.index, size: e.size, compressedSize: e.compressedSize })),
      readIndex: read.index,
      trigger: o.trigger,
      loaderReads: o.loaderNames?.has(name) ?? true,
    });
  }
  const { locals, unreadable } = c;
  for (const e of zip.entries) {
    if ((e.index & 0x3ff) === 0) ctx.checkTime();
    const escape = pathEscape(e.name) ?? (e.legacyName !== undefined ? pathEscape(e.legacyName) : undefined);
    const sev: Severity = o.escapeSeverity ?? (o.extractedOnLoad ? "high" : "medium");
    const base = { container: o.container, name: e.name, extractedOnLoad: o.extractedOnLoad, severity: sev, ...(o.escapeVersions ? { affectedVersions: o.escapeVersions } : {}) };
    if (escape) ctx.dispatch("archive-escape", { ...base, kind: escape.kind, detail: escape.detail });
    if (e.legacyName !== undefined)
      ctx.dispatch("archive-anomaly", { container: o.container, name: e.name, detail: `its Unicode Path extra field renames it (Python 3.12+ sees "${e.name}", Python 3.11 and older see "${e.legacyName}")`, severity: "medium" });
    let local: LocalHeader | undefined;
    try {
      local = await readLocalHeader(src, e);
    } catch (err) {
      unreadable.add(e);
      ctx.child(entryLabel(c, e)).error(`unreadable member: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    locals.set(e, local);
    if (e.isSymlink) {
      let target: string | undefined;
      if (e.method === 0 && e.size <= 4096) target = new TextDecoder().decode(await src.read(local.dataOffset, e.size));
      const escapes = target === undefined || linkEscapes(e.name, target);
      ctx.dispatch("archive-escape", {
        ...base,
        severity: escapes ? sev : "low",
        kind: "symlink",
        detail: escapes ? "is a symbolic link entry that can point outside the extraction folder" : "is a symbolic link entry (inside the archive)",
        ...(target !== undefined ? { linkTarget: target } : {}),
      });
    }
    for (const m of local.mismatches) ctx.dispatch("archive-anomaly", { container: o.container, name: e.name, detail: m, severity: "medium" });
    if (overlaps(e, local))
      ctx.dispatch("archive-anomaly", { container: o.container, name: e.name, detail: "its data overlaps the next member (Python 3.13+ refuses it as a possible zip bomb; older readers accept it)", severity: "medium" });
    const bomb = e.method !== 0 ? declaredBomb(e.size, e.compressedSize, budget) : undefined;
    if (bomb) {
      unreadable.add(e);
      reportBomb(ctx, o.container, entryLabel(c, e), bomb);
    }
  }
  return c;
}

export function reportBomb(ctx: ScanContext, container: string, name: string, reason: string): void {
  ctx.dispatch("archive-bomb", { container, name, reason });
  ctx.child(name).error(`decompression bomb: ${reason}`);
}

/** Reads a member's bytes as zipfile would (inflating under the budget); bombs are reported, then rethrown. */
export async function openMember(ctx: ScanContext, src: ByteSource, c: CheckedZip, e: ZipEntry, container: string): Promise<ByteSource> {
  const local = c.locals.get(e)!;
  try {
    return await memberSource(src, e, local, budgetFor(ctx), entryLabel(c, e));
  } catch (err) {
    if (err instanceof BombError) ctx.dispatch("archive-bomb", { container, name: entryLabel(c, e), reason: err.message });
    throw err;
  }
}

/** Reads a whole member into memory (metadata members), bounded by maxMetadataBytes. */
export async function readMemberBytes(ctx: ScanContext, src: ByteSource, c: CheckedZip, e: ZipEntry, container: string): Promise<Uint8Array> {
  if (e.size > ctx.limits.maxMetadataBytes) throw new LimitError(`${e.name}: ${e.size} bytes exceeds the ${ctx.limits.maxMetadataBytes}-byte metadata limit`);
  const m = await openMember(ctx, src, c, e, container);
  return m.read(0, m.size);
}

/** Hands one zip member back to sniffing (nested archives included), inflating only what is allowed. */
export async function scanZipMember(ctx: ScanContext, src: ByteSource, c: CheckedZip, e: ZipEntry, container: string): Promise<void> {
  if (c.unreadable.has(e) || e.isDir || e.isSymlink) return;
  const label = entryLabel(c, e);
  // Compressed members of any size (weights included: their HDF5 external-storage and virtual-dataset
  // checks need the bytes) are inflated within the archive's budget; past it the inflater stops with a
  // BombError, reported (GW303) and recorded as an error (the scan is incomplete), never a quiet skip.
  let member: ByteSource | undefined;
  await ctx.child(label).guard("archive member", async () => {
    member = await openMember(ctx, src, c, e, container);
  });
  if (member) await ctx.scanMember(member, label);
}

