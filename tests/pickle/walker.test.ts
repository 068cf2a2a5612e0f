// Pickle opcode walker: protocols 0-5, memo, STACK_GLOBAL, call reconstruction, hostile streams.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_PICKLE_LIMITS, sniffPickle, walkPickle } from "../../src/pickle/walker.js";
import { judgePickleGlobal } from "../../src/pickle/judge.js";
import { parseNpyHeader } from "../../src/formats/npy.js";

const FIX = fileURLToPath(new URL("../../fixtures/containers/", import.meta.url));
const fixture = (n: string) => new Uint8Array(readFileSync(FIX + n));
const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const CANARY = 'os.system("touch $TMPDIR/gw-canary")';

for (let p = 0; p <= 5; p++) {
  test(`protocol ${p}: os.system resolved and its call reconstructed with the constant argument`, () => {
    const w = walkPickle(fixture(`pickle-p${p}-os-system.pkl`));
    assert.equal(w.error, undefined);
    assert.equal(w.protocol, p < 2 ? 0 : p);
    assert.deepEqual(w.globals.map((g) => `${g.module}.${g.name}`), ["os.system"]);
    assert.equal(w.globals[0]!.opcode, p >= 4 ? "STACK_GLOBAL" : "GLOBAL");
    assert.deepEqual(w.calls.map((c) => c.evidence), [CANARY]);
    assert.equal(w.end, fixture(`pickle-p${p}-os-system.pkl`).length);
  });
}

test("memo: a callable stored with BINPUT and fetched with BINGET is still resolved (protocol 3)", () => {
  const w = walkPickle(fixture("pickle-p3-os-system.pkl"));
  assert.equal(w.calls[0]?.global?.name, "system");
});

test("STACK_GLOBAL from memoised strings (protocol 5, LONG_BINGET)", () => {
  const w = walkPickle(fixture("pickle-p5-os-system.pkl"));
  assert.equal(w.globals[0]?.dynamic, undefined);
  assert.equal(w.calls[0]?.evidence, CANARY);
});

test("STACK_GLOBAL whose name is computed at run time is marked dynamic (unverifiable)", () => {
  // builtins.getattr("o", "s") result used as module name: not a constant string.
  const p = bytes("\x80\x04\x8c\x08builtins\x8c\x03str\x93\x8c\x02os\x85R\x8c\x06system\x93)R.");
  const w = walkPickle(p);
  assert.equal(w.error, undefined);
  assert.equal(w.globals.length, 2);
  assert.ok(w.globals[1]!.dynamic);
  assert.match(w.calls[1]!.evidence, /^builtins\.str\("os"\)\.system\(\)$/);
});

test("INST, OBJ, NEWOBJ, NEWOBJ_EX and BUILD are reconstructed as calls", () => {
  const inst = walkPickle(bytes("(S'id'\nios\nsystem\n."));
  assert.deepEqual(inst.calls.map((c) => c.evidence), ['os.system("id")']);
  assert.equal(inst.calls[0]!.opcode, "INST");
  const obj = walkPickle(bytes("\x80\x02(csubprocess\nPopen\nX\x02\x00\x00\x00lso."));
  assert.deepEqual(obj.calls.map((c) => c.evidence), ['subprocess.Popen("ls")']);
  const newobj = walkPickle(bytes("\x80\x02ccollections\nOrderedDict\n)\x81}X\x01\x00\x00\x00aK\x01sb."));
  assert.deepEqual(newobj.calls.map((c) => [c.opcode, c.evidence]), [["NEWOBJ", "collections.OrderedDict()"], ["BUILD", 'collections.OrderedDict().__setstate__({"a": 1})']]);
  const ex = walkPickle(bytes("\x80\x04\x8c\x0asubprocess\x8c\x03run\x93\x8c\x02id\x85}\x8c\x05shell\x88s\x92."));
  assert.deepEqual(ex.calls.map((c) => c.evidence), ['subprocess.run("id", shell=True)']);
});

test("protocol 0/1 literals: INT, LONG, FLOAT, UNICODE with escapes, dict and list building", () => {
  const w = walkPickle(bytes("cbuiltins\nprint\n(I42\nL7L\nF1.5\nVcaf\\u00e9\n(dp0\nS'k'\np1\n(lp2\nI1\naI01\nasI00\ntR."));
  assert.equal(w.error, undefined);
  assert.equal(w.calls[0]!.evidence, 'builtins.print(42, 7, 1.5, "café", {"k": [1, True]}, False)');
});

test("consecutive pickles: end offset points just after STOP", () => {
  const a = fixture("pickle-p2-os-system.pkl");
  const two = new Uint8Array([...a, ...a]);
  const w = walkPickle(two);
  assert.equal(w.end, a.length);
  assert.equal(walkPickle(two, w.end).calls[0]?.evidence, CANARY);
});

test("hostile: truncated pickle keeps what ran before the cut and reports the error", () => {
  const full = bytes("\x80\x02cos\nsystem\nX\x02\x00\x00\x00id\x85R(X\xff\xff\x00\x00abc");
  const w = walkPickle(full);
  assert.match(w.error ?? "", /truncated/);
  assert.deepEqual(w.calls.map((c) => c.evidence), ['os.system("id")']);
});

test("hostile: invalid opcodes, stack underflow, memo misses are errors, never exceptions", () => {
  assert.match(walkPickle(bytes("\x80\x02\xff.")).error ?? "", /invalid opcode 0xff/);
  assert.match(walkPickle(bytes("\x80\x02R.")).error ?? "", /stack underflow/);
  assert.match(walkPickle(bytes("\x80\x02h\x07.")).error ?? "", /memo key 7 missing/);
  assert.match(walkPickle(bytes("\x80\x02X\xff\xff\x00\x00")).error ?? "", /truncated/);
  assert.match(walkPickle(bytes("\x80\x02X\xff\xff\xff\x7f")).error ?? "", /exceeds the 536870912-byte limit/);
  assert.match(walkPickle(bytes("\x80\x09N.")).error ?? "", /unsupported pickle protocol 9/);
});

test("hostile: opcode bombs hit the stack, memo and opcode limits", () => {
  const marks = new Uint8Array(2_000_001).fill(0x28);
  const s = walkPickle(marks);
  assert.equal(s.limitHit, true);
  assert.match(s.error ?? "", /stack deeper than 1000000/);
  const memo = new Uint8Array(3 + 2 * 50_000).fill(0x94);
  memo.set([0x80, 0x04, 0x4e]);
  const m = walkPickle(memo, 0, { ...DEFAULT_PICKLE_LIMITS, maxMemo: 1000 });
  assert.match(m.error ?? "", /memo larger than 1000/);
  const dups = new Uint8Array(100_000).fill(0x30); // POP on empty stack stops it right away
  assert.match(walkPickle(dups).error ?? "", /underflow/);
  const ops = new Uint8Array(1_000_000);
  for (let i = 0; i < ops.length; i += 2) ops.set([0x4e, 0x30], i); // NONE POP forever
  assert.match(walkPickle(ops, 0, { ...DEFAULT_PICKLE_LIMITS, maxOps: 10_000 }).error ?? "", /longer than 10000 opcodes/);
  const huge = bytes("\x80\x04\x8d\x00\x00\x00\x00\x01\x00\x00\x00");
  assert.match(walkPickle(huge, 0, { ...DEFAULT_PICKLE_LIMITS, maxString: 1 << 20 }).error ?? "", /exceeds the 1048576-byte limit/);
});

test("sniffing: PROTO 2-5 headers, valid protocol 0 streams; JSON, text and zip are not pickles", () => {
  assert.equal(sniffPickle(fixture("pickle-p4-os-system.pkl")), 40);
  assert.equal(sniffPickle(fixture("pickle-p0-os-system.pkl")), 15);
  assert.equal(sniffPickle(fixture("pickle-p1-os-system.pkl")), 15);
  assert.equal(sniffPickle(bytes('{"class_name": "Sequential"}')), 0);
  assert.equal(sniffPickle(bytes("hello world\n")), 0);
  assert.equal(sniffPickle(bytes("PK\x03\x04\x14\x00")), 0);
  assert.equal(sniffPickle(bytes("version https://git-lfs.github.com/spec/v1\n")), 0);
});

test("judging: catalogue denylist, torch/numpy helpers allowed, attribute traversal caught, py2 names mapped", () => {
  assert.equal(judgePickleGlobal("os", "system").verdict, "deny");
  assert.equal(judgePickleGlobal("__builtin__", "eval").target, "builtins.eval");
  assert.equal(judgePickleGlobal("commands", "getoutput").verdict, "deny");
  assert.equal(judgePickleGlobal("torch._utils", "_rebuild_tensor_v2").verdict, "allow");
  assert.equal(judgePickleGlobal("torch", "FloatStorage").verdict, "allow");
  assert.equal(judgePickleGlobal("numpy.core.multiarray", "_reconstruct").verdict, "allow");
  assert.equal(judgePickleGlobal("numpy.testing._private.utils", "runstring").verdict, "deny");
  assert.equal(judgePickleGlobal("numpy", "testing._private.utils.os.system").verdict, "deny");
  assert.equal(judgePickleGlobal("collections", "OrderedDict.__init__.__globals__").verdict, "deny");
  assert.equal(judgePickleGlobal("torch.storage", "_load_from_bytes").verdict, "deny");
  assert.equal(judgePickleGlobal("mypkg.hooks", "setup").verdict, "unknown");
});

test(".npy headers: object dtype (a pickle follows) vs numeric, versions 1 and 2", () => {
  const mk = (major: number, dict: string) => {
    const pad = dict + " ".repeat(64 - ((dict.length + (major === 1 ? 10 : 12) + 1) % 64)) + "\n";
    const head = major === 1 ? [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, pad.length & 0xff, pad.length >> 8] : [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, pad.length & 0xff, pad.length >> 8, 0, 0];
    return new Uint8Array([...head, ...bytes(pad)]);
  };
  const o = parseNpyHeader(mk(1, "{'descr': '|O', 'fortran_order': False, 'shape': (3,), }"));
  assert.equal(o.hasObject, true);
  assert.equal(o.shape, "(3,)");
  const f = parseNpyHeader(mk(2, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }"));
  assert.deepEqual([f.hasObject, f.fortranOrder, f.descr], [false, true, "<f4"]);
  const s = parseNpyHeader(mk(1, "{'descr': [('a', '<i4'), ('b', '|O')], 'fortran_order': False, 'shape': (1,), }"));
  assert.equal(s.hasObject, true);
});
