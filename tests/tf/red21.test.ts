// Red-team round 21: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red21/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates below
// their severity. Each malicious fixture must be reported with the trigger TensorFlow runs it at (all fixed, enforced);
// each benign twin (same structure, harmless value) must stay quiet (nothing above low), enforced.
// Generators and findings: tools/fixtures/tf_red21/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, hangCase, loud, scanFixture } from "./helpers.js";


// L12: n = tf.Variable(2**40) (restored, never written); while i < n.read_value(): i += 1, run by a
// TrackableResource initializer at load. The condition reads the variable inside the cond function
// (ReadVariableOp); evalCond does not know a restored value, the condition does not fold: silence.
hangCase("red21_l12_loop_bound_in_variable", "load", /While/, undefined, "a run that never ends");
// L12b: keep = tf.Variable(True) (restored, never written); while keep.read_value(): i += 1: endless.
hangCase("red21_l12b_loop_flag_in_variable", "load", /While/, undefined, "a run that never ends");
// L13: int64 i = 0 counting up by 1 against a condition that is true on every iteration, through an op the loop
// folds do not model: a tf.switch_case choosing i >= 0 (StatelessCase; If/StatelessIf are folded), a reduce_sum of
// [i, 1] > 0 (Sum; All/Any/Min/Max are folded). The condition does not fold: silence.
hangCase("red21_l13_cond_through_unfolded_ops_case", "load", /While/, undefined, "a run that never ends");
hangCase("red21_l13_cond_through_unfolded_ops_sum", "load", /While/, undefined, "a run that never ends");

// S4: application configuration files that hold passwords by convention and whose names say nothing (Rails
// database.yml, ASP.NET appsettings.json, IIS web.config, Spring application.properties, the Windows _netrc, a
// deployed site's .git/config), read by constant paths at inference: rated as ordinary reads (GW502 medium);
// each must be high.
const S4_FILES = ["database.yml", "appsettings.json", "web.config", "application.properties", "_netrc", ".git/config"];
test("red21_s4_app_config_credentials: each read is reported high at inference", async () => {
  const r = await scanFixture("red21_s4_app_config_credentials");
  assert.deepEqual(r.errors, []);
  const high = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  for (const name of S4_FILES) assert.ok(high.some((f) => `${f.evidence ?? ""} ${f.message}`.includes(name)), `${name}: ${JSON.stringify(r.findings, null, 1)}`);
});
test("red21_s4_app_config_credentials_benign: benign twin (the paths returned, not read) stays quiet", async () => {
  const r = await scanFixture("red21_s4_app_config_credentials_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red21_s4_app_config_credentials_benign");
});

// P4: the system-wide configuration of tools that run commands from it written at inference: /etc/gitconfig
// (core.fsmonitor runs on every `git status`) and /etc/tmux.conf (run-shell runs at every tmux server start).
// Rated as ordinary writes (GW503 high): each must be critical.
const P4_FILES = ["etc/gitconfig", "etc/tmux.conf"];
test("red21_p4_system_tool_configs_written: each write is reported critical at inference", async () => {
  const r = await scanFixture("red21_p4_system_tool_configs_written");
  assert.deepEqual(r.errors, []);
  const crit = atLeast(r, "critical").filter((f) => f.trigger === "inference" && /WriteFile/.test(`${f.evidence ?? ""} ${f.message}`));
  for (const name of P4_FILES) assert.ok(crit.some((f) => `${f.evidence ?? ""} ${f.message}`.includes(name)), `${name}: ${JSON.stringify(r.findings, null, 1)}`);
});
test("red21_p4_system_tool_configs_written_benign: benign twin (paths and contents returned, nothing written) stays quiet", async () => {
  const r = await scanFixture("red21_p4_system_tool_configs_written_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red21_p4_system_tool_configs_written_benign");
});
