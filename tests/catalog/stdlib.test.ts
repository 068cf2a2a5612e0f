// The standard library outside the walked name data (src/catalog/python.ts stdlibJudgement, osJudgement): pure
// modules' own names compute, what they imported is judged as what it is, private names run code, modules by
// what their functions do, and os judged whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { judgeTarget } from "../../src/catalog/python.js";

const verdict = (t: string) => {
  const j = judgeTarget(t);
  return `${j.verdict} ${j.capabilities.join(",")}`;
};

test("pure standard-library names compute; a pure module's imports and dangerous builtin re-exports do not ride on it", () => {
  for (const t of ["json.dumps", "heapq.nlargest", "bisect.bisect", "fnmatch.fnmatch", "time.time", "math.sqrt", "datetime.datetime", "uuid.uuid4"]) assert.equal(verdict(t), "allow compute", t);
  for (const t of ["enum.bltns.eval", "fnmatch.os", "json.codecs.open", "re.enum.bltns.exec"]) assert.notEqual(judgeTarget(t).verdict, "allow", t);
});

test("private names run code; modules are judged by what their functions do", () => {
  for (const t of ["uuid._get_command_stdout", "_osx_support._read_output", "warnings._getcategory", "os._execvpe"]) assert.ok(judgeTarget(t).capabilities.includes("exec"), t);
  assert.ok(judgeTarget("imaplib.IMAP4_stream").capabilities.includes("exec"));
  assert.ok(judgeTarget("logging.config.BaseConfigurator").capabilities.includes("exec"));
  assert.ok(judgeTarget("xml.sax.parse").capabilities.includes("network"));
  assert.ok(judgeTarget("readline.write_history_file").capabilities.includes("file-write"));
  // a name nobody reviewed stays unverifiable
  assert.equal(judgeTarget("mimetypes.guess_type").verdict, "unknown");
});

test("os judged whole: reviewed pure names compute, probes read, any other real member changes the host", () => {
  assert.equal(verdict("os.path.join"), "allow compute");
  assert.equal(verdict("os.getpid"), "allow compute");
  assert.equal(verdict("os.O_CREAT"), "allow compute");
  assert.ok(judgeTarget("os.path.exists").capabilities.includes("file-read"));
  assert.ok(judgeTarget("os.mknod").capabilities.includes("file-write"));
  assert.ok(judgeTarget("posix.mkfifo").capabilities.includes("file-write"));
  assert.equal(judgeTarget("os.not_a_member").verdict, "unknown");
});

test("a module a standard-library module holds under another name is judged as that module (tools/gen-stdlib-aliases.py)", async () => {
  const { aliases } = (await import("../../src/catalog/stdlib-aliases.data.json", { with: { type: "json" } })).default as { aliases: Record<string, string> };
  assert.equal(aliases["enum.bltns"], "builtins");
  assert.ok(Object.keys(aliases).length > 100);
  for (const [alias, real] of Object.entries(aliases)) {
    for (const member of ["eval", "system", "open", "loads"]) {
      const a = judgeTarget(`${alias}.${member}`);
      const b = judgeTarget(`${real}.${member}`);
      // as the module it is, or stricter (the holding module's own deny rule may speak too: importlib.*)
      if (a.verdict !== "deny") assert.deepEqual([a.verdict, a.capabilities], [b.verdict, b.capabilities], `${alias}.${member} (${real})`);
      else for (const c of b.capabilities) assert.ok(a.capabilities.includes(c), `${alias}.${member} (${real}): ${c}`);
    }
  }
  assert.ok(judgeTarget("enum.bltns.eval").capabilities.includes("exec"));
  assert.ok(judgeTarget("re.enum.bltns.exec").capabilities.includes("exec"));
});
