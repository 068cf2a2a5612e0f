// HDF5 container rules (THREATS §1): structures that make the loader reach beyond the file
// (external links, soft links, external storage, virtual datasets) or allocate far more memory
// than the file holds (declared shapes beyond stored bytes).
import { suspiciousString } from "../catalog/python.js";
import { clip as cut } from "../core/text.js";
import type { DatasetInfo, WalkedLink } from "../formats/hdf5/index.js";
import { defineRule } from "./types.js";
import { isCredentialPath } from "../catalog/secret-paths.js";

/** A soft, external or user-defined link found while walking the file. */
export interface Hdf5LinkSubject {
  link: WalkedLink;
}

/** A dataset with its declared shape and how (and where) its data is stored. */
export interface Hdf5DatasetSubject {
  path: string;
  dataset: DatasetInfo;
  /** Size of the HDF5 file (bytes after the user block): an upper bound on stored data. */
  fileBytes: number;
}

declare module "./types.js" {
  interface Subjects {
    "hdf5-link": Hdf5LinkSubject;
    "hdf5-dataset": Hdf5DatasetSubject;
  }
}

/** Paths whose contents are secrets or live system state. */
export function isSecretPath(p: string): boolean {
  if (suspiciousString(p) === "sensitive path" || isCredentialPath(p)) return true;
  // and live system state an HDF5 link should never open
  return /^(?:~|\$HOME|\/root)(?:\/|$)|^\/proc\/|^\/dev\/|^\/etc\//.test(p);
}

export const hdf5ExternalLink = defineRule({
  meta: {
    id: "GW310",
    name: "hdf5-external-link",
    severity: "high",
    summary: "An HDF5 external link: reading it makes the loader open another file (critical when it names a secrets path).",
    why: "h5py follows external links transparently. When Keras reads model_weights or a layer group through one, libhdf5 opens the named file (any path on the host, relative to the working directory, or a path the attacker planted earlier) and reads it as part of the model. Normal Keras files never contain external links.",
    example: 'f["model_weights/dense/kernel:0"] = h5py.ExternalLink("/tmp/x/payload.h5", "/data")',
    fix: "Do not load the file. If the link is yours, copy the target data into the file (h5py: f.copy) and remove the link.",
    references: ["CWE-73", "CWE-610"],
  },
  on: {
    "hdf5-link"(s, report) {
      if (s.link.kind !== "external") return;
      const file = s.link.file ?? "";
      report({
        severity: isSecretPath(file) ? "critical" : "high",
        capabilities: ["file-read"],
        trigger: "load",
        message: `External link "${s.link.path}" makes the loader open ${JSON.stringify(cut(file, 80))}.`,
        evidence: cut(`${file}:${s.link.target ?? ""}`),
        pointer: s.link.path,
      });
    },
  },
});

export const hdf5SoftLink = defineRule({
  meta: {
    id: "GW311",
    name: "hdf5-soft-link",
    severity: "medium",
    summary: "An HDF5 soft (symbolic) link: the loader reads whatever path it names.",
    why: "Keras never writes soft links. A soft link can redirect a weight or layer group to other data inside the file, or be left dangling to confuse tools, and makes what a scanner reads differ from what the loader reads.",
    example: 'f["model_weights/dense_1/alias"] = h5py.SoftLink("/model_weights/dense_0")',
    fix: "Review where the link points; resave the model with Keras to drop it.",
    references: ["CWE-59"],
  },
  on: {
    "hdf5-link"(s, report) {
      if (s.link.kind === "soft") {
        report({
          capabilities: ["container"],
          trigger: "load",
          message: `Soft link "${s.link.path}" points to ${JSON.stringify(cut(s.link.target ?? "", 80))}.`,
          evidence: cut(`-> ${s.link.target ?? ""}`),
          pointer: s.link.path,
        });
      } else if (s.link.kind === "user-defined") {
        report({
          capabilities: ["container", "unverifiable"],
          trigger: "load",
          message: `User-defined link "${s.link.path}" (type ${s.link.type}) needs a link handler from outside the file.`,
          evidence: `link type ${s.link.type}`,
          pointer: s.link.path,
        });
      }
    },
  },
});

export const hdf5ExternalStorage = defineRule({
  meta: {
    id: "GW312",
    name: "hdf5-external-storage",
    severity: "high",
    summary: "A dataset whose raw data lives in other files on the host (external storage; critical for secrets paths such as /etc/passwd, ~/.ssh).",
    why: "A dataset with an external file list reads its bytes from the named files when it is read. A weight backed by /etc/passwd or ~/.ssh/id_rsa puts the host's secrets into the model's tensors, where a later save, upload or an inference output can carry them away.",
    example: 'f.create_dataset("w", shape=(64,), dtype="u1", external=[("/etc/passwd", 0, 64)])',
    fix: "Do not load the file. Legitimate model files keep their weights inside the file.",
    references: ["CWE-73", "CWE-200"],
  },
  on: {
    "hdf5-dataset"(s, report) {
      const ext = s.dataset.external;
      if (!ext?.length) return;
      const files = ext.map((e) => e.file);
      const secret = files.some(isSecretPath);
      report({
        severity: secret ? "critical" : "high",
        capabilities: ["file-read"],
        trigger: "load",
        message: `Dataset "${s.path}" reads its data from ${ext.length === 1 ? "host file" : `${ext.length} host files`} ${JSON.stringify(cut(files[0] ?? "", 80))}${secret ? " (a secrets path)" : ""}.`,
        evidence: cut(ext.map((e) => `${e.file}@${e.offset}+${e.size}`).join(", ")),
        pointer: s.path,
      });
    },
  },
});

export const hdf5VirtualDataset = defineRule({
  meta: {
    id: "GW313",
    name: "hdf5-virtual-dataset",
    severity: "high",
    summary: "A virtual dataset: its data is mapped from datasets in other files (critical when a source is a secrets path).",
    why: "Reading a virtual dataset makes libhdf5 open each source file it names and read from it; the source paths are attacker-chosen and flaws in the virtual-dataset code have been exploitable (CVE-2026-1669, CVE-2026-12480). Keras never writes virtual datasets.",
    example: 'layout[:] = h5py.VirtualSource("/home/u/.ssh/id.h5", "/data", shape=(4,)); f.create_virtual_dataset("w", layout)',
    fix: "Do not load the file; ask for a copy with the data stored inside it.",
    references: ["CVE-2026-1669", "CVE-2026-12480", "CWE-73"],
  },
  on: {
    "hdf5-dataset"(s, report) {
      if (s.dataset.layout !== "virtual") return;
      const sources = s.dataset.virtual ?? [];
      const files = [...new Set(sources.map((v) => v.file))];
      const secret = files.some(isSecretPath);
      const n = s.dataset.virtualCount ?? sources.length;
      report({
        severity: secret ? "critical" : "high",
        capabilities: ["file-read"],
        trigger: "load",
        message: `Virtual dataset "${s.path}" maps ${n} source${n === 1 ? "" : "s"} from ${files.length === 1 ? JSON.stringify(cut(files[0]!, 80)) : `${files.length} files`}${secret ? " (a secrets path)" : ""}.`,
        evidence: cut(sources.map((v) => `${v.file}:${v.dataset}`).join(", ")) || `${n} mappings`,
        pointer: s.path,
      });
    },
  },
});

/** Declared size from which a mismatch is worth reporting, and the tolerated declared/stored ratio. */
const BOMB_MIN_BYTES = 64 * 1024 * 1024;
const BOMB_RATIO = 16;

export function isShapeBomb(d: DatasetInfo, fileBytes: number): boolean {
  if (d.external?.length || d.layout === "virtual") return false;
  const declared = d.declaredBytes;
  if (!(declared >= BOMB_MIN_BYTES)) return false;
  const stored = d.storedBytes ?? fileBytes;
  return declared > BOMB_RATIO * Math.max(stored, 1);
}

function human(n: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

export const hdf5ShapeBomb = defineRule({
  meta: {
    id: "GW314",
    name: "hdf5-shape-bomb",
    severity: "high",
    summary: "A dataset declares a shape far larger than the bytes stored for it (memory bomb).",
    why: "Loading weights allocates the declared shape and fills what is not stored with the fill value, so a few kilobytes of file can demand gigabytes or terabytes of memory and take down the loading process (CVE-2026-0897).",
    example: 'f.create_dataset("model_weights/dense/kernel:0", shape=(200000, 200000), dtype="f4")  # nothing written',
    fix: "Do not load the file. A real weight tensor stores as many bytes as its shape needs.",
    references: ["CVE-2026-0897", "CWE-400", "CWE-789"],
  },
  on: {
    "hdf5-dataset"(s, report) {
      if (!isShapeBomb(s.dataset, s.fileBytes)) return;
      const d = s.dataset;
      const stored = d.storedBytes;
      report({
        capabilities: ["container"],
        trigger: "load",
        message: `Dataset "${s.path}" declares ${human(d.declaredBytes)} but ${stored === undefined ? `the whole file holds ${human(s.fileBytes)}` : `stores ${human(stored)}`}.`,
        evidence: `shape (${d.shape.join(", ")}) x ${d.elementSize} bytes, ${d.layout}${d.filtered ? ", filtered" : ""}, stored ${stored === undefined ? "unknown" : stored}`,
        pointer: s.path,
      });
    },
  },
});

export const HDF5_RULES = [hdf5ExternalLink, hdf5SoftLink, hdf5ExternalStorage, hdf5VirtualDataset, hdf5ShapeBomb];
