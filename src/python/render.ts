// Python-like pseudo-source for evidence: `os.system("id > /tmp/x")`. Long strings are cut.
import type { PyValue } from "./marshal.js";
import type { Sym } from "./evaluate.js";

const MAX_STR = 120;

function quote(s: string): string {
  const body = s.length > MAX_STR ? s.slice(0, MAX_STR) : s;
  const esc = body.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  // eslint-disable-next-line no-control-regex
  const safe = esc.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return `"${safe}"${s.length > MAX_STR ? `…(${s.length} chars)` : ""}`;
}

function pyFloat(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

export function renderConst(v: PyValue, depth = 0): string {
  if (depth > 6) return "…";
  switch (v.t) {
    case "none":
    case "null":
      return "None";
    case "bool":
      return v.v ? "True" : "False";
    case "int":
      return v.v.toString();
    case "float":
      return pyFloat(v.v);
    case "complex":
      return `complex(${pyFloat(v.re)}, ${pyFloat(v.im)})`;
    case "str":
      return quote(v.v);
    case "bytes": {
      let s = "";
      for (const x of v.v.subarray(0, MAX_STR)) s += String.fromCharCode(x);
      const q = quote(s);
      return `b${q.slice(0, q.lastIndexOf('"') + 1)}${v.v.length > MAX_STR ? `…(${v.v.length} bytes)` : ""}`;
    }
    case "tuple":
      return `(${v.items.slice(0, 8).map((x) => renderConst(x, depth + 1)).join(", ")}${v.items.length === 1 ? "," : ""}${v.items.length > 8 ? ", …" : ""})`;
    case "list":
    case "set":
    case "frozenset":
      return `[${v.items.slice(0, 8).map((x) => renderConst(x, depth + 1)).join(", ")}${v.items.length > 8 ? ", …" : ""}]`;
    case "dict":
      return "{…}";
    case "ellipsis":
      return "...";
    case "stopiteration":
      return "StopIteration";
    case "slice":
      return `${v.start.t === "none" ? "" : renderConst(v.start)}:${v.stop.t === "none" ? "" : renderConst(v.stop)}${v.step.t === "none" ? "" : `:${renderConst(v.step)}`}`;
    case "code":
      return `<code ${v.code.qualname}>`;
  }
}

function shortPath(p: string): string {
  return p.startsWith("builtins.") ? p.slice("builtins.".length) : p;
}

export function render(s: Sym, depth = 0): string {
  if (depth > 8) return "…";
  switch (s.k) {
    case "const":
      return renderConst(s.v);
    case "ref":
      return shortPath(s.path);
    case "userglobal":
      return s.name;
    case "arg":
      return s.value ? `${s.name}=${render(s.value, depth + 1)}` : s.name;
    case "call": {
      const args = [...s.args.map((a) => render(a, depth + 1)), ...s.kw.map(([k, v]) => (k === "**" ? `**${render(v, depth + 1)}` : `${k}=${render(v, depth + 1)}`))];
      return `${render(s.fn, depth + 1)}(${s.star ? "*" : ""}${args.slice(0, 8).join(", ")}${args.length > 8 ? ", …" : ""})`;
    }
    case "attr":
      return `${render(s.obj, depth + 1)}.${s.name}`;
    case "op":
      if (s.op === "[]") return `${render(s.operands[0]!, depth + 1)}[${render(s.operands[1]!, depth + 1)}]`;
      if (s.operands.length === 1) return `${s.op}${render(s.operands[0]!, depth + 1)}`;
      if (s.op === "f-string" || s.op === "format") return `f"{…}"`;
      return s.operands.map((x) => render(x, depth + 1)).join(` ${s.op} `);
    case "seq": {
      const body = s.items.slice(0, 8).map((x) => render(x, depth + 1)).join(", ");
      return s.kind === "tuple" ? `(${body})` : `[${body}]`;
    }
    case "func":
      return `<lambda ${s.code.qualname}>`;
    case "lambdaref":
      return `<lambda from ${s.where}>`;
    case "null":
      return "NULL";
    case "unknown":
      return "<?>";
  }
}
