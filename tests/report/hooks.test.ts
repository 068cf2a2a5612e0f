// CI and hooks: the composite action's shell steps run as GitHub would run them (environment
// inputs, GITHUB_OUTPUT), and the pre-commit hook is installed and run by the real pre-commit tool
// (PyPI) in a temporary git repository.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";

const root = resolve(new URL("../..", import.meta.url).pathname);

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function outputs(file: string): Record<string, string> {
  return Object.fromEntries(readFileSync(file, "utf8").trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

test("action.yml: composite steps call the scripts with inputs passed as environment", () => {
  const a = parse(readFileSync(join(root, "action.yml"), "utf8")) as { runs: { using: string; steps: { run?: string; uses?: string; env?: Record<string, string> }[] }; inputs: Record<string, unknown> };
  assert.equal(a.runs.using, "composite");
  assert.match(a.runs.steps[0]!.uses ?? "", /^actions\/setup-node@/);
  const scan = a.runs.steps.find((s) => s.run?.includes("scripts/action/scan.sh"))!;
  for (const [k, input] of [["GW_PATHS", "paths"], ["GW_FAIL_ON", "fail-on"], ["GW_SARIF", "sarif-file"], ["GW_FAIL_JOB", "fail-job"], ["GW_ARGS", "args"]] as const) {
    assert.equal(scan.env?.[k], `\${{ inputs.${input} }}`);
    assert.ok(input in a.inputs);
  }
  for (const s of a.runs.steps) assert.ok(!s.run?.includes("${{"), "no input spliced into a shell line");
});

test("action scripts: build from a bare checkout, then scan, SARIF, outputs, fail-job", { timeout: 300_000 }, () => {
  const action = mkdtempSync(join(tmpdir(), "gw-action-"));
  for (const p of ["package.json", "bin", "src", "scripts", "tsconfig.json", "tsconfig.build.json"]) cpSync(join(root, p), join(action, p), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(action, "node_modules"), "dir");
  const build = run("bash", [join(action, "scripts/action/build.sh")], root, { GITHUB_ACTION_PATH: action });
  assert.equal(build.code, 0, build.err);
  assert.ok(existsSync(join(action, "dist/cli/main.js")));

  const work = mkdtempSync(join(tmpdir(), "gw-action-ws-"));
  cpSync(join(root, "examples"), join(work, "models"), { recursive: true });
  const step = (env: Record<string, string>) => {
    const out = join(work, `out-${Math.random()}`);
    writeFileSync(out, "");
    const r = run("bash", [join(action, "scripts/action/scan.sh")], work, { GITHUB_ACTION_PATH: action, GITHUB_OUTPUT: out, ...env });
    return { ...r, outputs: outputs(out) };
  };
  const failing = step({ GW_PATHS: "models", GW_FAIL_ON: "high", GW_SARIF: "r.sarif", GW_FAIL_JOB: "true", GW_ARGS: "" });
  assert.equal(failing.code, 1, failing.err);
  assert.deepEqual(failing.outputs, { "sarif-file": "r.sarif", "exit-code": "1" });
  assert.match(failing.out, /FAIL: 2 finding\(s\) at high or above/);
  assert.match(failing.out, /::error::/);
  const sarif = JSON.parse(readFileSync(join(work, "r.sarif"), "utf8")) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  assert.ok(sarif.runs[0]!.results.some((r) => r.ruleId === "GW201" && r.locations[0]!.physicalLocation.artifactLocation.uri === "models/malicious-lambda.keras"));

  const report = step({ GW_PATHS: "models", GW_FAIL_ON: "high", GW_SARIF: "r2.sarif", GW_FAIL_JOB: "false" });
  assert.equal(report.code, 0);
  assert.equal(report.outputs["exit-code"], "1");

  writeFileSync(join(work, "p.json"), JSON.stringify({ rules: { GW201: { enabled: false }, GW101: { enabled: false } } }));
  const policy = step({ GW_PATHS: "models\nmodels/benign-classifier.keras", GW_FAIL_ON: "medium", GW_SARIF: "r3.sarif", GW_FAIL_JOB: "true", GW_ARGS: "--policy p.json" });
  assert.equal(policy.code, 0, policy.out + policy.err);

  writeFileSync(join(work, "broken.h5"), Buffer.from("\x89HDF\r\n\x1a\n\x00\x00\x00\x00", "latin1"));
  const incomplete = step({ GW_PATHS: "broken.h5", GW_FAIL_ON: "none", GW_SARIF: "r4.sarif", GW_FAIL_JOB: "false" });
  assert.equal(incomplete.code, 2, "an incomplete scan fails the job even with fail-job false");
});

function preCommit(): string | undefined {
  const venv = join(homedir(), ".cache/graphwarden/pre-commit-venv");
  const bin = join(venv, "bin/pre-commit");
  if (!existsSync(bin)) {
    if (run("python3", ["-m", "venv", venv], root).code !== 0) return undefined;
    if (run(join(venv, "bin/pip"), ["install", "-q", "pre-commit==4.7.0"], root).code !== 0) return undefined;
  }
  return existsSync(bin) ? bin : undefined;
}

const pc = preCommit();

test("pre-commit: the hook fails a commit with a malicious model and passes a clean one", { skip: !pc && !process.env["CI"] && "pre-commit could not be installed from PyPI", timeout: 600_000 }, () => {
  assert.ok(pc, "pre-commit is installable (PyPI)");
  const base = mkdtempSync(join(tmpdir(), "gw-precommit-"));
  const git = (cwd: string, ...args: string[]) => {
    const r = run("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], cwd);
    assert.equal(r.code, 0, r.err);
    return r.out.trim();
  };
  // The hook repository: this checkout's files, committed (pre-commit clones it at a rev).
  const hookRepo = join(base, "hook");
  for (const p of [".pre-commit-hooks.yaml", "package.json", "package-lock.json", "bin", "src", "scripts", "tsconfig.json", "tsconfig.build.json", "README.md", "LICENSE", "docs/rules.md"]) cpSync(join(root, p), join(hookRepo, p), { recursive: true });
  git(hookRepo, "init", "-q");
  git(hookRepo, "add", "-A");
  git(hookRepo, "commit", "-qm", "hook");
  const rev = git(hookRepo, "rev-parse", "HEAD");

  const user = join(base, "user");
  mkdirSync(join(user, "models"), { recursive: true });
  git(user, "init", "-q");
  cpSync(join(root, "examples/benign-classifier.keras"), join(user, "models/benign-classifier.keras"));
  cpSync(join(root, "examples/malicious-lambda.keras"), join(user, "models/malicious-lambda.keras"));
  writeFileSync(join(user, "README.md"), "# not a model\n");
  writeFileSync(join(user, ".pre-commit-config.yaml"), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: graphwarden\n`);
  git(user, "add", "-A");
  const env = { PRE_COMMIT_HOME: join(base, "cache"), CI: "" };
  const bad = run(pc!, ["run", "--all-files"], user, env);
  assert.equal(bad.code, 1, bad.out + bad.err);
  assert.match(bad.out, /graphwarden \(Keras\/TensorFlow model scanner\)\.+Failed/);
  assert.match(bad.out, /CRITICAL GW201/);
  assert.doesNotMatch(bad.out, /README\.md/, "only model files are passed to the hook");
  git(user, "rm", "-qf", "models/malicious-lambda.keras");
  const good = run(pc!, ["run", "--all-files"], user, env);
  assert.equal(good.code, 0, good.out + good.err);
  assert.match(good.out, /graphwarden \(Keras\/TensorFlow model scanner\)\.+Passed/);
});
