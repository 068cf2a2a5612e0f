"""Classifies every TensorFlow op of the installed wheel (used by tools/gen-op-registry.py --classes).

For each op: the generated Python module that wraps it (tensorflow/**/gen_*.py, found by the
_apply_op_helper("<Op>") call in the wrapper), whether OpDef marks it stateful, the device types
with a registered kernel (tensorflow.python.framework.kernels), its string-typed inputs and
attributes, its function-typed attributes, and a class decided by the rules below (first match wins):

  1. REVIEWED: a hand-reviewed verdict for the dangerous and the surprising ops (with the reason);
  2. CATALOGUE: the op has an entry in src/catalog/tf-ops.ts (python-callback / file-read /
     file-write / network with its trigger conditions) -> that class;
  3. MODULE rules: the wrapper module decides (gen_script_ops -> python callback, gen_rpc_ops ->
     network, gen_summary_ops Write*/Import* -> file write, compute modules -> pure/stateful compute,
     resource modules -> resource, dataset modules -> by signature, ...);
  4. NAME rules for ops without a Python wrapper (oneDNN rewrites _Mkl*, Risc*, _Fused*, TPU/XLA
     runtime ops, executor-internal _Arg/_Retval/...);
  5. SIGNATURE rules: a function-typed attr -> runs a graph function (its body is in the library
     and judged there); a string input or attr whose name says path/file/dir/url/address -> never
     compute: unreviewed unless a rule above classified it;
  6. otherwise unreviewed (graphwarden reports it, low; medium when it takes a path-like string).

Several wheels (VERSIONS below, one venv each, VENVS): every venv's Python runs this file with
--dump to write its wheel's facts as JSON; build() merges them. Each op is classified per wheel; the
newest wheel that registers it decides, unless an older wheel's verdict is more dangerous or is the
only one with evidence (older_wins), and the rule text then names that wheel. An op that only older
wheels register keeps a row (an old SavedModel may carry it) whose rule names those wheels. Each row
records the wheels that register the op and where its signature (inputs, outputs, attrs, allowed
types, statefulness) changed.

Regenerate (from the repository root; each venv: python<VENV_PYTHON[v]> -m venv
~/.cache/graphwarden/venvs/<VENVS[v]> && <venv>/bin/pip install tensorflow-cpu==<v>; "gen" is the
fixture venv):
  ~/.cache/graphwarden/venvs/gen/bin/python tools/gen-op-registry.py --classes [--facts-dir DIR]
"""
import glob
import json
import os
import re

CLASSES = ["pure", "stateful", "read", "write", "network", "callback", "graph", "embedded", "resource", "nokernel", "unreviewed"]

PATH_LIKE = re.compile(
    r"(?:^|_)(?:file|files|filename|filenames|file_pattern|file_path|path|paths|dir|directory|logdir|log_dir_path|dump_root|"
    r"prefix|prefixes|uri|url|urls|address|db_uri|data_source_name|descriptor_source|memory_region_name|"
    r"vocab_file|server_address|output_stream|output_file_path|file_name)$"
)

# Hand-reviewed verdicts: op -> (class, reason). Only ops whose class the rules would get wrong or
# that the catalogue does not cover yet are listed; every entry was checked against the kernel source.
REVIEWED = {
    "DumpTensor": ("write", "writes the tensor to log_dir_path/file_name (quantization debugger kernel)"),
    "CalibrationStatisticsSaver": ("write", "writes calibration statistics to output_file_path; ids text lands in the file"),
    "Skipgram": ("read", "reads the text corpus named by the filename attr (word2vec kernel)"),
    "DatasetFromGraph": ("embedded", "runs the dataset graph serialized in its graph_def string input"),
    "DeserializeIterator": ("embedded", "restores an iterator from serialized state, which may carry dataset graphs"),
    "XlaCallModule": ("graph", "runs the StableHLO compute module of its module attr (jax2tf); host calls reach only the library functions named in function_list, judged there"),
    "MlirPassthroughOp": ("embedded", "runs the MLIR module text in its mlir_module attr"),
    "_XlaHostComputeMlir": ("embedded", "runs host computation from an MLIR module string"),
    "TPUCompile": ("embedded", "compiles serialized computations (mlir_module attr)"),
    "_TPUCompileMlir": ("embedded", "compiles the mlir_module attr"),
    "DebugIdentityV2": ("write", "writes tensors to the tfdbg dump root in debug_urls (file://)"),
    "DebugIdentityV3": ("write", "streams tensors to debug_urls (file:// or grpc://)"),
    "_Send": ("network", "sends a tensor to recv_device, another host when that names a remote job"),
    "_Recv": ("network", "receives a tensor from send_device, another host when that names a remote job"),
    "_HostSend": ("network", "sends a tensor to recv_device, another host when that names a remote job"),
    "_HostRecv": ("network", "receives a tensor from send_device, another host when that names a remote job"),
    "Send": ("network", "sends a tensor to recv_device, another host when that names a remote job"),
    "Recv": ("network", "receives a tensor from send_device, another host when that names a remote job"),
    "CustomAggregator": ("stateful", "records min/max statistics in process memory (quantization calibration)"),
    "ShardedFilename": ("pure", "formats a checkpoint shard file name (string arithmetic, no file access)"),
    "ShardedFilespec": ("pure", "formats a checkpoint file pattern (string arithmetic, no file access)"),
    "StringFormat": ("pure", "formats strings (template attr, no file access)"),
    "Print": ("stateful", "prints to standard error"),
    "Timestamp": ("stateful", "reads the clock"),
    "CheckPreemption": ("stateful", "asks the coordination service the program configured about preemption"),
    "IteratorFromStringHandle": ("resource", "looks up an iterator already in the process by its handle"),
    "IteratorFromStringHandleV2": ("resource", "looks up an iterator already in the process by its handle"),
    "IteratorToStringHandle": ("resource", "names an iterator of the process"),
    "MultiDeviceIteratorFromStringHandle": ("resource", "looks up an iterator already in the process by its handle"),
    "MultiDeviceIteratorToStringHandle": ("resource", "names an iterator of the process"),
    "UncompressElement": ("pure", "decompresses a dataset element in memory"),
    "CompressElement": ("pure", "compresses a dataset element in memory"),
    "DatasetToGraph": ("pure", "serializes a dataset to a GraphDef string (no execution)"),
    "DatasetToGraphV2": ("pure", "serializes a dataset to a GraphDef string (no execution)"),
    "SerializeIterator": ("resource", "serializes iterator state in memory"),
    "ParseExampleDataset": ("pure", "parses tf.Example records in memory"),
    "ParseExampleDatasetV2": ("pure", "parses tf.Example records in memory"),
    "ExperimentalParseExampleDataset": ("pure", "parses tf.Example records in memory"),
    "AssertNextDataset": ("pure", "checks dataset transformation names"),
    "ExperimentalAssertNextDataset": ("pure", "checks dataset transformation names"),
    "AssertPrevDataset": ("pure", "checks dataset transformation names"),
    "SetStatsAggregatorDataset": ("stateful", "attaches an in-memory statistics aggregator (tag/prefix are labels)"),
    "ExperimentalSetStatsAggregatorDataset": ("stateful", "attaches an in-memory statistics aggregator (tag/prefix are labels)"),
    "LatencyStatsDataset": ("stateful", "records latency under a tag in memory"),
    "ExperimentalLatencyStatsDataset": ("stateful", "records latency under a tag in memory"),
    "BytesProducedStatsDataset": ("stateful", "records statistics under a tag in memory"),
    "ExperimentalBytesProducedStatsDataset": ("stateful", "records statistics under a tag in memory"),
    "StatsAggregatorSetSummaryWriter": ("resource", "links a statistics aggregator to a summary writer resource"),
    "IteratorGetDevice": ("resource", "names the device of an iterator"),
    "ExperimentalIteratorGetDevice": ("resource", "names the device of an iterator"),
    "FileSystemSetConfiguration": ("write", "changes file system configuration (catalogued)"),
    "DTensorRestoreV2": ("read", "restores tensors from the checkpoint at prefix (DTensor RestoreV2)"),
    "IdentityReader": ("resource", "a reader that returns the work-queue strings themselves; opens no file"),
    "IdentityReaderV2": ("resource", "a reader that returns the work-queue strings themselves; opens no file"),
    "Copy": ("pure", "debugger copy of a tensor in memory"),
    "CopyHost": ("pure", "debugger copy of a tensor in memory"),
    "DebugNumericSummaryV2": ("pure", "computes tensor statistics in memory (no debug_urls)"),
    "NegTrain": ("resource", "word2vec training step updating variables in memory"),
    "MakeWeakResourceHandle": ("resource", "weak handle to a resource of the process"),
    "GraphDefVersion": ("pure", "returns the graph's producer version"),
    "IsTensorFloat32Enabled": ("pure", "returns a runtime flag"),
    "GetDeadline": ("stateful", "returns the call's deadline"),
    "StochasticCastToInt": ("stateful", "random rounding cast (stateful RNG)"),
    "SleepOp": ("stateful", "sleeps (test kernel)"),
    "SleepIdentityOp": ("stateful", "sleeps then passes its input (test kernel)"),
    "DevicePlacementOp": ("pure", "returns its device name (test kernel)"),
    "ResourceCreateOp": ("resource", "test resource kernel"),
    "ResourceInitializedOp": ("resource", "test resource kernel"),
    "ResourceUsingOp": ("resource", "test resource kernel"),
    "StubResourceHandleOp": ("resource", "test resource kernel"),
    "RemoteFusedGraphExecute": ("embedded", "runs the graph serialized in its serialized_remote_fused_graph_execute_info attr (TF 1.x)"),
    "CompareAndBitpack": ("pure", "compares and packs bits"),
    "IsResourceHandleRefCounting": ("pure", "tells whether a resource handle is reference counted"),
    # Ops that only older wheels of VERSIONS register (an old SavedModel or TFLite Flex model may carry them).
    "TfLiteSubgraphExecute": ("graph", "TFLite Flex delegate: calls a subgraph of the .tflite being interpreted, looked up in the resource manager by its subgraph_key string (tensorflow/lite/delegates/flex/tflite_subgraph_execute.cc); opens no file, and the subgraph is part of the scanned model"),
}

COMPUTE_MODULES = {
    "gen_math_ops", "gen_array_ops", "gen_nn_ops", "gen_linalg_ops", "gen_image_ops", "gen_random_ops", "gen_bitwise_ops",
    "gen_spectral_ops", "gen_sparse_ops", "gen_string_ops", "gen_parsing_ops", "gen_ctc_ops", "gen_set_ops", "gen_manip_ops",
    "gen_special_math_ops", "gen_ragged_array_ops", "gen_ragged_conversion_ops", "gen_ragged_math_ops", "gen_count_ops",
    "gen_clustering_ops", "gen_audio_ops", "gen_candidate_sampling_ops", "gen_control_flow_ops", "gen_stateless_random_ops",
    "gen_stateless_random_ops_v2", "gen_random_index_shuffle_ops", "gen_cudnn_rnn_ops", "gen_rnn_ops", "gen_boosted_trees_ops",
    "gen_sdca_ops", "gen_training_ops", "gen_uniform_quant_ops", "gen_sparse_csr_matrix_ops", "gen_user_ops",
    "gen_audio_microfrontend_op", "gen_logging_ops", "gen_functional_ops", "gen_batch_ops", "gen_composite_tensor_ops",
    "gen_tpu_ops", "gen_xla_ops", "gen_tpu_partition_ops", "gen_dtensor_ops",
    # TPU embedding runtime ops (TF <= 2.12 wraps them here; later wheels have no wrapper and the
    # TPU/XLA name rule below gives them the same class).
    "gen_tpu_embedding_ops",
}
# In-process resources (variables, tables, queues, tensor lists/maps, RNG state): no host access.
RESOURCE_MODULES = {
    "gen_tensor_forest_ops",  # TF <= 2.4: tensor forest trees as in-process resources (tree_config is a serialized proto, not a path)
    "gen_state_ops", "gen_resource_variable_ops", "gen_lookup_ops", "gen_data_flow_ops", "gen_list_ops", "gen_map_ops",
    "gen_stateful_random_ops", "gen_optional_ops", "gen_sync_ops",
}
# Cluster communication: the peers are the ones the program's cluster configuration defines; the
# graph carries group/instance keys, never an address.
CLUSTER_MODULES = {"gen_collective_ops", "gen_nccl_ops"}
DATASET_MODULES = {"gen_dataset_ops", "gen_experimental_dataset_ops"}

NAME_RULES = [
    (re.compile(r"^(?:_Mkl|__MklDummy)"), None, "oneDNN rewrite of a compute op (graph optimizer, never stored by exporters)"),
    (re.compile(r"^Risc[A-Z]"), None, "RISC compute op"),
    (re.compile(r"^_(?:Fused|FusedQuantized|Quantized)"), None, "grappler fusion of compute ops"),
    (re.compile(r"^QuantizedConcatV2$"), None, "quantized compute op"),
    (re.compile(r"^(?:_?TPU|_?Tpu|Xla|_Xla|DTensor|_ConfigureDistributedTPU|_WaitForDistributedTPU|_InitializeHostForDistributedTPU|_ShutdownDistributedTPU|_DisconnectHostFromDistributedTPUSystem|_SetGlobalTPUArray|ConfigureTPUEmbedding|CollateTPUEmbedding|ConnectTPUEmbedding|FinalizeTPUEmbedding|ExecuteTPUEmbedding|EnqueueTPUEmbedding|RetrieveAllTPUEmbedding|LoadAllTPUEmbedding|(?:Load|Retrieve)TPUEmbedding|ComputeDedupData|SplitDedupData|MergeDedupData|GetTpuTaskId|UpdateTaskIdAndGlobalCoreArray|_TPUReplicate)"), None, "TPU/XLA runtime op (device computation)"),
    (re.compile(r"^(?:_Arg|_Retval|_DeviceArg|_DeviceRetval|_If|_While|_SwitchN|_ListToArray|_ArrayToList|_HostCast|_EagerConst|_ParallelConcatStart|_ParallelConcatUpdate|_ScopedAllocator\w*|_ReadVariablesOp|_VarHandlesOp|_UnaryOpsComposition|_CopyFromGpuToHost|_CopyFromHostToGpu|_TensorToHashBucketFast|HostConst|_XlaAotOnlyVarHandleOp)$"), None, "executor-internal op"),
    (re.compile(r"^_Nccl"), "stateful", "NCCL transfer between local GPUs"),
    (re.compile(r"^TensorForest"), "resource", "TF 1.x tensor forest resource ops (trees in memory)"),
]


def wrapper_modules(tf_root):
    mod_of = {}
    for p in sorted(glob.glob(os.path.join(tf_root, "**", "gen_*.py"), recursive=True)):
        with open(p, encoding="utf-8") as f:
            text = f.read()
        mod = os.path.relpath(p, os.path.dirname(tf_root))[:-3].replace(os.sep, ".")
        for m in re.finditer(r'_apply_op_helper\(\s*"([A-Za-z0-9_>]+)"', text):
            mod_of.setdefault(m.group(1), mod)
    return mod_of


def catalogue(path):
    """Op -> class from src/catalog/tf-ops.ts (entries built with cb/read/write/net or a kind)."""
    kinds = {"cb": "callback", "read": "read", "write": "write", "net": "network"}
    out = {}
    with open(path, encoding="utf-8") as f:
        for m in re.finditer(r"^\s{2}(\w+): (?:\{ \.\.\.)?(cb|read|write|net)\(", f.read(), re.M):
            out[m.group(1)] = kinds[m.group(2)]
    return out


def signature(op, string_type):
    """String inputs as (NodeDef position or -1 when a list precedes it, name); string/func attrs."""
    str_inputs, pos, exact = [], 0, True
    attr_types = {a.name: a for a in op.attr}
    for a in op.input_arg:
        is_str = a.type == string_type
        if a.type_attr and a.type_attr in attr_types:
            allowed = attr_types[a.type_attr].allowed_values.list.type
            is_str = is_str or (len(allowed) == 1 and allowed[0] == string_type)
        if is_str:
            str_inputs.append((pos if exact and not a.number_attr and not a.type_list_attr else -1, a.name))
        if a.number_attr or a.type_list_attr:
            exact = False
        pos += 1
    str_attrs = [a.name for a in op.attr if a.type in ("string", "list(string)")]
    func_attrs = [a.name for a in op.attr if a.type in ("func", "list(func)")]
    return str_inputs, str_attrs, func_attrs


NOT_PATH_ATTRS = {"shared_name", "container", "tensor_name", "device_name", "op_name", "node_name", "func_name"}


def classify(name, module, stateful, kernels, str_inputs, str_attrs, func_attrs, catalogued):
    """(class, rule text)."""
    short = module.rsplit(".", 1)[-1] if module else ""
    path_like = [n for _, n in str_inputs if PATH_LIKE.search(n)] + [a for a in str_attrs if a not in NOT_PATH_ATTRS and PATH_LIKE.search(a)]
    if name in REVIEWED:
        return REVIEWED[name][0], "reviewed: " + REVIEWED[name][1]
    if name in catalogued:
        return catalogued[name], "catalogue (src/catalog/tf-ops.ts)"
    compute = "stateful" if stateful else "pure"
    if short == "gen_script_ops":
        return "callback", "module gen_script_ops: calls a Python function of the loading process"
    if short == "gen_rpc_ops":
        return "network", "module gen_rpc_ops: RPC client/server"
    if short == "gen_summary_ops":
        if re.match(r"^(?:Write|Import)", name):
            return "write", "module gen_summary_ops: writes through a summary writer"
        return "resource", "module gen_summary_ops: summary writer handle"
    if short == "gen_debug_ops":
        if "debug_urls" in str_attrs:
            return "write", "module gen_debug_ops: streams to debug_urls"
        return "unreviewed", "module gen_debug_ops without debug_urls"
    if short == "gen_io_ops":
        if name.startswith("Reader"):
            return "resource", "module gen_io_ops: operates a reader resource (the reader op itself is catalogued)"
        return "unreviewed", "module gen_io_ops: file I/O module, not catalogued"
    if short in CLUSTER_MODULES:
        return "stateful", f"module {short}: exchanges tensors with the peers the program's cluster configuration defines (no address in the graph)"
    if short == "gen_sendrecv_ops":
        return "network", "module gen_sendrecv_ops: sends/receives tensors between devices (remote when a device names another job)"
    if path_like:
        return "unreviewed", "path-like string operand: " + ", ".join(path_like)
    if func_attrs:
        return "graph", "function-typed attr: runs graph functions of the library (" + ", ".join(func_attrs) + ")"
    if short in COMPUTE_MODULES:
        return compute, f"module {short}: {'stateful ' if stateful else ''}compute"
    if short in RESOURCE_MODULES:
        return "resource", f"module {short}: in-process resource"
    if short in DATASET_MODULES:
        return compute, f"module {short}: dataset transformation without path-like or function operands"
    if not module:
        for rx, cls, why in NAME_RULES:
            if rx.search(name):
                return (cls or compute), "name rule: " + why
        if not kernels:
            return "nokernel", "no Python wrapper and no kernel on any device: runs only with a kernel library the program loads"
    return "unreviewed", "no rule matched"


# The TensorFlow wheels the table is built from, oldest first (every 2.x release that installs on
# Python 3.11, 2.12 to 2.20, and three older ones on Python 3.8). Each has a venv of its own under
# ~/.cache/graphwarden/venvs/ (VENVS); the newest is the fixture venv "gen". CI does not rebuild them:
# the committed table is the artifact, and tests/tf/opclasses-versions.test.ts checks that the table
# lists exactly these versions. To add a version: make its venv (see docs/tf-ops.md), add it here, and
# regenerate.
VERSIONS = ["2.4.4", "2.8.4", "2.11.1", "2.12.1", "2.13.1", "2.14.1", "2.15.1", "2.16.2", "2.17.1", "2.18.1", "2.19.0", "2.20.0"]
VENVS = {"2.4.4": "opreg-tf-2.4.4", "2.8.4": "opreg-tf-2.8.4", "2.11.1": "opreg-tf-2.11.1", "2.12.1": "opreg-tf-2.12.1", "2.13.1": "opreg-tf-2.13.1", "2.14.1": "opreg-tf-2.14.1", "2.15.1": "opreg-tf-2.15.1", "2.16.2": "opreg-tf-2.16.2", "2.17.1": "opreg-tf-2.17.1", "2.18.1": "opreg-tf-2.18.1", "2.19.0": "opreg-tf-2.19.0", "2.20.0": "gen"}
# The Python each venv was made with (TensorFlow before 2.12 has no wheel for 3.11; pyenv has 3.8).
VENV_PYTHON = {"2.4.4": "3.8", "2.8.4": "3.8", "2.11.1": "3.8", "2.12.1": "3.11", "2.13.1": "3.11", "2.14.1": "3.11", "2.15.1": "3.11", "2.16.2": "3.11", "2.17.1": "3.11", "2.18.1": "3.11", "2.19.0": "3.11", "2.20.0": "3.11"}
VENV_ROOT = os.path.expanduser("~/.cache/graphwarden/venvs")


def _arg_sig(a):
    return [a.name, int(a.type), a.type_attr, a.number_attr, a.type_list_attr, bool(a.is_ref)]


def dump_facts(out):
    """Writes the facts of the running Python's TensorFlow as JSON (run once per venv by collect())."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import json
    import tensorflow as tf
    from tensorflow.core.framework import op_def_pb2, types_pb2
    from tensorflow.python.client import pywrap_tf_session as c
    from tensorflow.python.framework import kernels as kernels_mod

    buf = c.TF_GetAllOpList()
    data = buf if isinstance(buf, bytes) else c.TF_GetBuffer(buf)
    op_list = op_def_pb2.OpList()
    op_list.ParseFromString(data)
    mod_of = wrapper_modules(os.path.dirname(tf.__file__))
    ops = {}
    for op in op_list.op:
        devices = sorted({k.device_type for k in kernels_mod.get_registered_kernels_for_op(op.name).kernel})
        str_inputs, str_attrs, func_attrs = signature(op, types_pb2.DT_STRING)
        ops[op.name] = {
            "module": mod_of.get(op.name, ""),
            "stateful": bool(op.is_stateful),
            "devices": devices,
            "str_inputs": [list(x) for x in str_inputs],
            "str_attrs": str_attrs,
            "func_attrs": func_attrs,
            # The signature, to tell in which version it changed: i inputs, o outputs, a attrs
            # (name and type), t allowed types of an attr, s statefulness.
            "sig": {
                "i": [_arg_sig(a) for a in op.input_arg],
                "o": [_arg_sig(a) for a in op.output_arg],
                "a": sorted([a.name, a.type] for a in op.attr),
                "t": sorted([a.name, sorted(int(x) for x in a.allowed_values.list.type)] for a in op.attr if a.allowed_values.list.type),
                "s": bool(op.is_stateful),
            },
        }
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"tensorflow": tf.__version__, "ops": ops}, f, sort_keys=True)


def collect(cache_dir):
    """Runs dump_facts in every venv of VERSIONS (cached per version in cache_dir); returns {version: facts}."""
    import json
    import subprocess
    import sys

    os.makedirs(cache_dir, exist_ok=True)
    facts = {}
    for v in VERSIONS:
        out = os.path.join(cache_dir, f"tf-{v}.json")
        if not os.path.exists(out):
            py = os.path.join(VENV_ROOT, VENVS[v], "bin", "python")
            if not os.path.exists(py):
                sys.exit(f"no venv for TensorFlow {v}: {py} (see docs/tf-ops.md, 'Regenerating')")
            subprocess.run([py, os.path.abspath(__file__), "--dump", out], check=True)
        with open(out, encoding="utf-8") as f:
            facts[v] = json.load(f)
        if facts[v]["tensorflow"] != v:
            sys.exit(f"venv {VENVS[v]} has TensorFlow {facts[v]['tensorflow']}, expected {v}")
    return facts


def _classify_facts(name, f, cat):
    pin = [(p, n) for p, n in (tuple(x) for x in f["str_inputs"])]
    return classify(name, f["module"], f["stateful"], f["devices"], pin, f["str_attrs"], f["func_attrs"], cat)


# When the wheels disagree on an op's class, an older wheel's verdict replaces the newest one's when
# it says more about the host (an old SavedModel may carry the older form of the op), or when it is
# the only one with evidence (the newest wheel has no kernel, or no rule decided there).
DANGER = ["read", "write", "network", "embedded", "callback"]
QUIET = {"pure", "stateful", "resource", "graph"}


def older_wins(old, cur):
    (oc, orule), (cc, crule) = old, cur
    if oc == cc:
        return False
    if oc in DANGER:
        return cc not in DANGER or DANGER.index(oc) > DANGER.index(cc)
    if cc in DANGER:
        return False
    if oc == "unreviewed":
        # Only a path-like operand of the older signature is evidence; "no rule matched" is none.
        return orule.startswith("path-like") and cc in QUIET | {"nokernel"}
    return cc in ("nokernel", "unreviewed")


def build(facts, catalogue_path, history_names):
    """Classifies every op of every wheel in facts ({version: dump}) and the names only older TensorFlow registered.

    Returns (rows, modules, coverage, differs): differs maps the ops whose per-wheel classes disagree
    to {version: class}; rows are (op, class, module index, flags, rule, path inputs,
    path attrs, version mask, signature changes); flags: s = stateful, k = a kernel is registered,
    c = a CPU kernel, f = function attr, h = history only (in none of the wheels: classified by name
    and catalogue only). The version mask has bit i set when VERSIONS[i] registers the op; the
    signature changes list "<version>:<parts>" where the op's signature differs from the previous
    wheel that registers it (i inputs, o outputs, a attrs, t allowed types, s statefulness).
    """
    cat = catalogue(catalogue_path)
    versions = [v for v in VERSIONS if v in facts]
    newest = versions[-1]
    modules = sorted({f["module"] for v in versions for f in facts[v]["ops"].values() if f["module"]})
    mod_index = {m: i + 1 for i, m in enumerate(modules)}
    names = sorted({n for v in versions for n in facts[v]["ops"]})
    rows = []
    differs = {}
    per_version = {v: {"total": 0, "classified": 0} for v in versions}
    for name in names:
        present = [v for v in versions if name in facts[v]["ops"]]
        mask = sum(1 << VERSIONS.index(v) for v in present)
        # Each wheel's own verdict; the newest wheel registering the op gives the facts and the class
        # unless an older wheel's verdict wins (older_wins).
        verdicts = {v: _classify_facts(name, facts[v]["ops"][name], cat) for v in present}
        cls, rule = verdicts[present[-1]]
        if len({c for c, _ in verdicts.values()}) > 1:
            differs[name] = {v: c for v, (c, _) in verdicts.items()}
        for v in reversed(present[:-1]):
            if older_wins(verdicts[v], (cls, rule)):
                cls, rule = verdicts[v][0], verdicts[v][1] + f" (as TF {v} registers it)"
        if name not in facts[newest]["ops"]:
            rule += f" [registered only by TF {', '.join(present)} of the wheels; facts from TF {present[-1]}]"
        f = facts[present[-1]]["ops"][name]
        devices = sorted({d for v in present for d in facts[v]["ops"][name]["devices"]})
        stateful = any(facts[v]["ops"][name]["stateful"] for v in present)
        func = any(facts[v]["ops"][name]["func_attrs"] for v in present)
        flags = ("s" if stateful else "") + ("k" if devices else "") + ("c" if "CPU" in devices else "") + ("f" if func else "")
        pin, pattr = [], []
        for v in reversed(present):
            fv = facts[v]["ops"][name]
            for p, n in fv["str_inputs"]:
                if PATH_LIKE.search(n) and not any(x.endswith(":" + n) for x in pin):
                    pin.append(f"{p}:{n}")
            for a in fv["str_attrs"]:
                if a not in NOT_PATH_ATTRS and PATH_LIKE.search(a) and a not in pattr:
                    pattr.append(a)
        changes = []
        for prev, cur in zip(present, present[1:]):
            a, b = facts[prev]["ops"][name]["sig"], facts[cur]["ops"][name]["sig"]
            parts = "".join(k for k in "ioats" if a[k] != b[k])
            if parts:
                changes.append(f"{cur}:{parts}")
        rows.append((name, cls, mod_index.get(f["module"], 0), flags, rule, pin, pattr, mask, changes))
        for v in present:
            per_version[v]["total"] += 1
            per_version[v]["classified"] += cls != "unreviewed"
    for name in sorted(set(history_names) - set(names)):
        cls, rule = classify(name, "", True, ["?"], [], [], [], cat)
        rows.append((name, cls, 0, "h", rule, [], [], 0, []))
    rows.sort()
    coverage = {"versions": per_version}
    for key, sel in (("installed", lambda r: "h" not in r[3]), ("history", lambda r: "h" in r[3])):
        chosen = [r for r in rows if sel(r)]
        coverage[key] = {"total": len(chosen), "classified": sum(1 for r in chosen if r[1] != "unreviewed")}
    return rows, modules, coverage, differs


def operand_changes(facts, names):
    """Of the given ops (the hand catalogue's), those whose inputs (names, order) or path-like string
    attrs differ between wheels: the catalogue's operand positions must hold for every version."""
    out = {}
    for n in sorted(names):
        present = [v for v in facts if n in facts[v]["ops"]]
        forms = {}
        for v in present:
            f = facts[v]["ops"][n]
            forms[v] = ([a[0] for a in f["sig"]["i"]], [a for a in f["str_attrs"] if a not in NOT_PATH_ATTRS and PATH_LIKE.search(a)])
        if len({json.dumps(f) for f in forms.values()}) > 1:
            out[n] = {v: {"inputs": i, "path_attrs": a} for v, (i, a) in forms.items()}
    return out


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--dump":
        dump_facts(sys.argv[2])
    else:
        sys.exit("usage: python tools/tf_op_classes.py --dump OUT.json (run by tools/gen-op-registry.py --classes)")
