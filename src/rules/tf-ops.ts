// TensorFlow graph rules (THREATS §4): ops that run Python callbacks, touch files, reach the network,
// run on remote devices or need custom kernels; the checkpoint subgraph inventory; assets and
// TF Serving warm-up requests.
import type { TfOpSubject, TfJudgementKind } from "../tf/judge.js";
import "../tf/graph.js";
import "../tf/savedmodel.js";
import "../tf/handlers.js";
import { defineRule, type RuleReport } from "./types.js";

function where(s: TfOpSubject): string {
  if (s.via.length) return ` Reached from ${s.via.join(" → ")}.`;
  return " Not reached from any signature, init op or object-graph function.";
}

function reportKind(kind: TfJudgementKind) {
  return (s: TfOpSubject, report: RuleReport) => {
    const j = s.judgement;
    if (j.kind !== kind) return;
    report({
      severity: j.severity,
      capabilities: j.capabilities,
      trigger: s.trigger,
      message: `${j.message}.${where(s)}`,
      evidence: j.evidence,
      pointer: s.path,
    });
  };
}

export const tfPythonCallback = defineRule({
  meta: {
    id: "GW501",
    name: "tf-python-callback",
    severity: "critical",
    summary: "A graph op calls back into Python (PyFunc, PyFuncStateless, EagerPyFunc).",
    why: "tf.py_function and tf.numpy_function store only a token; at run time TensorFlow calls whatever Python function the loading process registered under it. The graph hands control to arbitrary Python code that is not in the file and cannot be reviewed.",
    example: "tf.py_function(lambda t: t, [x], tf.float32) inside a serving signature (op EagerPyFunc, token pyfunc_0).",
    fix: "Do not serve the model. Re-export it without tf.py_function / tf.numpy_function, or review the Python code the serving program registers.",
    references: ["CWE-94"],
  },
  on: { "tf-op": reportKind("python-callback") },
});

export const tfFileRead = defineRule({
  meta: {
    id: "GW502",
    name: "tf-file-read",
    severity: "medium",
    summary: "A graph op reads host files (ReadFile, MatchingFiles, file datasets, readers, vocabulary and checkpoint readers outside the saver).",
    why: "A model that reads files when it is loaded or served can exfiltrate them through its outputs. The severity rises to high when the constant path targets secrets (/etc/passwd, ~/.ssh, credentials) or a remote location.",
    example: 'tf.io.read_file("/etc/passwd") in a serving function: ReadFile("/etc/passwd").',
    fix: "Check where the path comes from. A model should not read host files; ship data as assets (assets/) instead.",
    references: ["CWE-73", "CWE-200"],
  },
  on: { "tf-op": reportKind("file-read") },
});

export const tfFileWrite = defineRule({
  meta: {
    id: "GW503",
    name: "tf-file-write",
    severity: "high",
    summary: "A graph op writes host files (WriteFile, checkpoint writers outside the saver, PrintV2 to file://, debug ops, summary writers, dataset writers).",
    why: "Writing files from a model can plant persistence (authorized_keys, .bashrc, crontab, site-packages) or overwrite data; the severity rises to critical for persistence locations. SaveV2/MergeV2Checkpoints are normal only inside the standard checkpoint subgraph linked to saver_def.",
    example: 'tf.io.write_file("/home/u/.ssh/authorized_keys", key) in __saved_model_init_op: WriteFile("/home/u/.ssh/authorized_keys", …).',
    fix: "Do not load the model. A model has no reason to write host files outside its own checkpoint.",
    references: ["CWE-73"],
  },
  on: { "tf-op": reportKind("file-write") },
});

export const tfNetwork = defineRule({
  meta: {
    id: "GW504",
    name: "tf-network",
    severity: "high",
    summary: "A graph op reaches the network (tf.data service, RPC ops, remote file systems, gRPC debug URLs).",
    why: "A model that connects to other hosts when served can exfiltrate inputs or pull data controlled by an attacker.",
    example: 'DataServiceDatasetV4(address="10.0.0.9:5050").',
    fix: "Find out why the graph talks to that address; do not serve it on a host with network access until you know.",
    references: ["CWE-918"],
  },
  on: { "tf-op": reportKind("network") },
});

export const tfRemoteDevice = defineRule({
  meta: {
    id: "GW505",
    name: "tf-remote-device",
    severity: "high",
    summary: "A node is placed on a remote job (/job:<name> other than localhost).",
    why: "A device on another job makes the runtime ship tensors to, and run ops on, another host of a distributed cluster.",
    example: "MatMul with device /job:evil/replica:0/task:0/device:CPU:0.",
    fix: "Clear the device fields (or re-export on a single host) before serving.",
    references: ["CWE-918"],
  },
  on: { "tf-op": reportKind("remote-device") },
});

export const tfUnknownOp = defineRule({
  meta: {
    id: "GW506",
    name: "tf-custom-op",
    severity: "low",
    summary: "An op that is not in TensorFlow's op registry: it needs a custom kernel library.",
    why: "The graph only runs if the program loads a native library (tf.load_op_library) that registers the op. The library is not in the model file, so its behaviour cannot be judged here.",
    example: "An op named ZeroOut from a custom .so.",
    fix: "Find out which library provides the op and review it before loading it.",
  },
  on: { "tf-op": reportKind("unknown-op") },
});

export const tfCheckpointSubgraph = defineRule({
  meta: {
    id: "GW507",
    name: "tf-checkpoint-subgraph",
    severity: "info",
    summary: "Inventory: the standard checkpoint save/restore subgraph linked to saver_def.",
    why: "Every SavedModel carries SaveV2/RestoreV2/MergeV2Checkpoints wired to the saver's filename. graphwarden recognises it by graph linkage (not by names) and keeps it quiet; the same ops anywhere else are reported by GW502/GW503.",
    example: "__inference__traced_save_680: SaveV2(StringJoin(file_prefix, Select(.part, _temp/part))).",
    fix: "Nothing to do.",
  },
  on: {
    "tf-checkpoint"(s, report) {
      const counts = new Map<string, number>();
      for (const op of s.ops) counts.set(op, (counts.get(op) ?? 0) + 1);
      report({
        severity: "info",
        capabilities: [],
        trigger: "none",
        message: `Standard checkpoint subgraph linked to saver_def (${[...counts].map(([k, v]) => `${k}×${v}`).join(", ")}); not a finding.`,
        pointer: s.path,
      });
    },
  },
});

export const tfAssetPath = defineRule({
  meta: {
    id: "GW508",
    name: "tf-asset-path",
    severity: "medium",
    summary: "An AssetFileDef filename is a path instead of a bare file name.",
    why: "The loader joins assets/ with the filename and feeds the result to the graph (vocabulary tables, caches, ReadFile ...). A name with ../ or an absolute path makes the model open a host file, at load or at the first call, whenever the op that takes the asset runs (that op is judged with the host path as its operand).",
    example: 'asset_file_def { filename: "../../../../etc/passwd" }',
    fix: "Do not load the model; a SavedModel written by TensorFlow only has bare asset names.",
    references: ["CWE-22"],
  },
  on: {
    "tf-asset"(s, report) {
      report({
        severity: "medium",
        capabilities: ["file-read"],
        // the loader only feeds the joined path; the ops that open it are judged with their own triggers
        trigger: "unknown",
        message: `Asset filename is a path, not a bare name: the loader feeds os.path.join(assets/, filename) to the graph (tensor ${s.tensorName || "?"}), a file outside the model's assets; the ops that open it are reported on their own.`,
        evidence: JSON.stringify(s.filename.slice(0, 120)),
        pointer: s.path,
      });
    },
  },
});

export const tfServingWarmup = defineRule({
  meta: {
    id: "GW509",
    name: "tf-serving-warmup",
    severity: "info",
    summary: "TF Serving warm-up requests are present: the signatures run at load.",
    why: "TensorFlow Serving replays assets.extra/tf_serving_warmup_requests when it loads the model, so anything reachable from the signatures runs at load instead of at the first request. Findings in signature functions carry trigger load when this file exists.",
    example: "assets.extra/tf_serving_warmup_requests with 2 PredictionLog records.",
    fix: "Nothing by itself; review the signature findings with load in mind.",
  },
  on: {
    "tf-warmup"(s, report) {
      report({
        severity: "info",
        capabilities: [],
        trigger: "load",
        message: `TF Serving warm-up requests (${s.records} record${s.records === 1 ? "" : "s"}, ${s.bytes} bytes) are replayed at load: signature functions run when the model is loaded.`,
        pointer: s.path,
      });
    },
  },
});

export const tfUnreviewedOp = defineRule({
  meta: {
    id: "GW510",
    name: "tf-unreviewed-op",
    severity: "low",
    summary: "An op TensorFlow registers that no classification rule covers (docs/tf-ops.md).",
    why: "Every op of the installed TensorFlow is classified from its wrapper module, signature and kernels (tools/tf_op_classes.py); an op no rule clears is reported instead of being assumed to be compute. Medium when it takes a path-like string (file, path, dir, url, address).",
    example: "KernelLabel (a test kernel linked into the wheel).",
    fix: "Find out what the op does (its kernel source) before serving the model; report it so the table can classify it.",
  },
  on: { "tf-op": reportKind("unreviewed-op") },
});

export const tfEmbeddedGraph = defineRule({
  meta: {
    id: "GW511",
    name: "tf-embedded-graph",
    severity: "high",
    summary: "An op runs a graph held in a string (DatasetFromGraph, DeserializeIterator, MLIR/TPU compile ops) that cannot be opened.",
    why: "The graph such an op runs is not part of the model's structure: it is data (a constant, a checkpointed variable, an asset). graphwarden opens it when the string can be traced to the file and judges its ops as their own graph; when it cannot, any op at all may run inside, including file writes and network calls.",
    example: "DatasetFromGraph(graph_def=ReadVariableOp(v)) in a table initializer, v restored from the checkpoint.",
    fix: "Do not load the model unless you can review the embedded graph.",
    references: ["CWE-94"],
  },
  on: { "tf-op": reportKind("embedded-graph") },
});

export const tfAssetLink = defineRule({
  meta: {
    id: "GW512",
    name: "tf-asset-symlink",
    severity: "high",
    summary: "A file of a SavedModel folder (assets/, variables/) is a symlink pointing outside the model folder.",
    why: "The loader opens assets and checkpoint files through the file system, so it reads whatever the link points at: assets/vocab.txt -> ~/.ssh/id_rsa makes a vocabulary table (or any op reading the asset) load a host file, which the model's outputs can then expose. The same link inside a tar or zip is reported by GW302.",
    example: "assets/vocab.txt -> /home/user/.ssh/id_rsa",
    fix: "Do not load the model; replace the link by the real file.",
    references: ["CWE-59"],
  },
  on: {
    "tf-asset-link"(s, report) {
      report({
        severity: "high",
        capabilities: ["file-read"],
        trigger: s.trigger,
        message: `${s.member} is a symlink ${s.target ? `to ${JSON.stringify(s.target.slice(0, 200))}` : "that cannot be read"}, outside the model folder: ${s.trigger === "unknown" ? "an op that opens it reads a host file (no reader found in the graph)" : `the model reads a host file (${s.trigger === "load" ? "at load" : `from an op that runs at ${s.trigger}`})`}.`,
        evidence: `${s.member} -> ${s.target.slice(0, 200) || "?"}`,
        pointer: s.path,
      });
    },
  },
});

export const tfAvailability = defineRule({
  meta: {
    id: "GW513",
    name: "tf-process-halt",
    severity: "medium",
    summary: "A graph op ends, stalls or exhausts the process that runs it (Abort, SleepDataset, ParseTensor of a resource handle, a wait nothing in the graph satisfies, a loop or dataset that does not end, a load-time loop whose end cannot be shown, a tensor or buffer of 8 GiB or more).",
    why: "These are documented ops, not malformed data: Abort calls exit() or abort() in the kernel, so a model whose init function or signature runs it kills the serving process, batch job or notebook that loads it (inside tf.saved_model.load when it sits in a resource initializer); SleepDataset stalls every element; a dequeue from a queue nothing fills, or a collective whose group never forms, waits forever (tf.saved_model.load never returns). A denial of service that passes any test which only checks the outputs. A queue wait is quiet only where the graph itself enqueues enough before it. Loops are run here in their dtypes; one that runs at load (where nothing feeds it) and whose end the scanner cannot establish is reported too (fail closed), as are a loop whose matrix products reach 2^46 multiply-adds and a tensor or gathering buffer that needs 8 GiB or more (a 12 KB constant can declare one).",
    example: "Abort(exit_without_error=True) as a control input of a TrackableResource's _initialize: tf.saved_model.load exits with status 0.",
    fix: "Do not load the model in a process that must stay up; re-export it without the op.",
    references: ["CWE-400"],
  },
  on: { "tf-op": reportKind("availability") },
});

export const TF_RULES = [tfPythonCallback, tfFileRead, tfFileWrite, tfNetwork, tfRemoteDevice, tfUnknownOp, tfCheckpointSubgraph, tfAssetPath, tfServingWarmup, tfUnreviewedOp, tfEmbeddedGraph, tfAssetLink, tfAvailability];
