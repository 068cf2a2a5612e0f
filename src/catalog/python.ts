// Capabilities of resolved Python targets (THREATS.md §5), kept as data. Every engine that
// resolves a Python callable (Lambda bytecode, pickle globals, Keras references) judges it here.
import type { Capability, Severity } from "../core/types.js";
import { capabilitiesOf, isStdlibModule, isStdlibSubmodule, isVerifiedCompute, lookupName, namesStartingWith, resolveModulePath, systemModuleHas } from "./python-names.js";

export interface TargetJudgement {
  /** Canonical fully qualified name that was judged (aliases resolved). */
  target: string;
  capabilities: Capability[];
  /** Why, in a few words (shown in evidence/messages). */
  note: string;
  /** "deny": a risky capability; "allow": known compute/benign; "unknown": not in the catalogue. */
  verdict: "deny" | "allow" | "unknown";
}

type Entry = [pattern: string, caps: Capability[], note: string];

// Patterns: exact name, or a glob where "*" is any run of characters ("os.exec*", "keras.utils.*_dataset_from_directory").
/** The note of every reader of the process environment (its variables hold tokens and keys: a credential read). */
export const ENV_NOTE = "reads environment variables (secrets)";

const DENY: Entry[] = [
  // --- run code / shell
  ["builtins.exec", ["exec"], "executes Python source"],
  ["builtins.eval", ["exec"], "evaluates Python source"],
  ["builtins.compile", ["exec"], "compiles Python source"],
  ["builtins.__import__", ["exec"], "imports any module by name"],
  ["builtins.breakpoint", ["exec"], "enters the debugger hook"],
  ["builtins.getattr", ["exec"], "dynamic attribute access (reaches any function)"],
  ["builtins.setattr", ["exec"], "dynamic attribute assignment"],
  ["builtins.delattr", ["exec"], "dynamic attribute deletion"],
  ["builtins.globals", ["exec"], "reads the module globals"],
  ["builtins.locals", ["exec"], "reads the local namespace"],
  ["builtins.vars", ["exec"], "reads an object namespace"],
  ["builtins.__builtins__", ["exec"], "the builtins namespace"],
  ["builtins.input", ["exec"], "reads standard input"],
  ["os.system", ["exec"], "runs a shell command"],
  ["os.popen", ["exec"], "runs a shell command"],
  ["os.exec*", ["exec"], "replaces the process with a program"],
  ["os.spawn*", ["exec"], "starts a program"],
  ["os.posix_spawn*", ["exec"], "starts a program"],
  ["os.fork*", ["exec"], "forks the process"],
  ["os.startfile", ["exec"], "opens a file with its associated program"],
  ["posix.system", ["exec"], "runs a shell command"],
  ["posix.popen", ["exec"], "runs a shell command"],
  ["posix.exec*", ["exec"], "replaces the process with a program"],
  ["posix.spawn*", ["exec"], "starts a program"],
  ["posix.posix_spawn*", ["exec"], "starts a program"],
  ["posix.fork*", ["exec"], "forks the process"],
  ["nt.system", ["exec"], "runs a shell command"],
  ["nt.spawn*", ["exec"], "starts a program"],
  ["nt.exec*", ["exec"], "replaces the process with a program"],
  ["nt.startfile", ["exec"], "opens a file with its associated program"],
  ["subprocess.*", ["exec"], "runs a program"],
  ["_posixsubprocess.*", ["exec"], "runs a program"],
  ["pty.spawn", ["exec"], "runs a program in a pseudo-terminal"],
  ["pty.fork", ["exec"], "forks the process"],
  ["runpy.*", ["exec"], "runs a module or script"],
  ["importlib.import_module", ["exec"], "imports any module by name"],
  ["importlib.__import__", ["exec"], "imports any module by name"],
  ["importlib.reload", ["exec"], "re-executes a module"],
  ["importlib.util.*", ["exec"], "loads modules from paths"],
  ["importlib.machinery.*", ["exec"], "loads modules from paths"],
  ["code.*", ["exec"], "interactive interpreter"],
  ["timeit.*", ["exec"], "times (executes) Python source given as a string"],
  ["logging.config.listen", ["network", "exec"], "listens on a socket for logging configurations (which can name any callable)"],
  ["logging.config.*Config", ["exec"], "builds a logging configuration that can name and call any callable"],
  ["pdb.*", ["exec"], "debugger: runs Python source"],
  ["pydoc.*", ["exec"], "imports and inspects modules by name"],
  ["codeop.*", ["exec"], "compiles Python source"],
  ["ctypes.*", ["exec", "native-load"], "calls native code"],
  ["_ctypes.*", ["exec", "native-load"], "calls native code"],
  ["cffi.*", ["exec", "native-load"], "calls native code"],
  ["pickle.load*", ["exec"], "unpickles (runs arbitrary callables)"],
  ["pickle.Unpickler", ["exec"], "unpickles (runs arbitrary callables)"],
  ["_pickle.load*", ["exec"], "unpickles (runs arbitrary callables)"],
  ["_pickle.Unpickler", ["exec"], "unpickles (runs arbitrary callables)"],
  ["cPickle.load*", ["exec"], "unpickles (runs arbitrary callables)"],
  ["dill.*", ["exec"], "unpickles code"],
  ["cloudpickle.*", ["exec"], "unpickles code"],
  ["joblib.load", ["exec"], "unpickles (runs arbitrary callables)"],
  ["shelve.open", ["exec", "file-read"], "unpickles a shelf"],
  ["marshal.load*", ["exec"], "unmarshals code objects"],
  ["types.FunctionType", ["exec"], "builds a function from a code object"],
  ["types.CodeType", ["exec"], "builds a code object"],
  ["types.LambdaType", ["exec"], "builds a function from a code object"],
  ["keras.activations.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.constraints.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.initializers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.losses.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.metrics.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.optimizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.regularizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.quantizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.dtype_policies.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.layers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.src.activations.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.src.constraints.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.src.initializers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.src.losses.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.src.metrics.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.src.optimizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.src.regularizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.src.quantizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.src.dtype_policies.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["keras.src.layers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.activations.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.constraints.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.initializers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.losses.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.metrics.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.optimizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.regularizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.quantizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.dtype_policies.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.layers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.src.activations.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.src.constraints.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.src.initializers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.src.losses.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.src.metrics.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.src.optimizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.src.regularizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.src.quantizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.src.dtype_policies.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tf_keras.src.layers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.keras.activations.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.keras.constraints.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.keras.initializers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.keras.losses.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.keras.metrics.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.keras.optimizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.keras.regularizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.keras.quantizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.keras.dtype_policies.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.keras.layers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.python.keras.activations.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.python.keras.constraints.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.python.keras.initializers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.python.keras.losses.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.python.keras.metrics.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.python.keras.optimizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.python.keras.regularizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.python.keras.quantizers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.python.keras.dtype_policies.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["tensorflow.python.keras.layers.get", ["nested-load"], "a Keras getter: a config dict is deserialised (a nested __lambda__ or module reference is rebuilt)"],
  ["sys.settrace", ["exec"], "installs a trace hook"],
  ["sys.setprofile", ["exec"], "installs a profile hook"],
  ["sys.modules", ["exec"], "the module table"],
  ["sys.addaudithook", ["exec"], "installs an audit hook"],
  ["builtins.open", ["file-read"], "opens a host file (write modes are judged where the mode is known)"],
  ["io.open", ["file-read"], "opens a host file"],
  ["io.FileIO", ["file-read"], "opens a host file"],
  ["_io.open", ["file-read"], "opens a host file"],
  ["_io.FileIO", ["file-read"], "opens a host file"],
  ["codecs.open", ["file-read"], "opens a host file"],
  ["operator.methodcaller", ["exec"], "calls a method named by a string"],
  ["operator.attrgetter", ["exec"], "reads attributes named by a string"],
  ["functools.partial", ["exec"], "wraps a callable for a later call"],
  ["functools.reduce", ["exec"], "higher-order call"],
  ["apply", ["exec"], "Python 2 apply"],
  ["tensorflow.load_library", ["exec", "native-load"], "loads a native library"],
  ["tensorflow.load_op_library", ["exec", "native-load"], "loads a native kernel library"],
  ["tensorflow.experimental.register_filesystem_plugin", ["exec", "native-load"], "loads a native library"],
  ["tensorflow.py_function", ["exec"], "runs a Python callback"],
  ["tensorflow.py_func", ["exec"], "runs a Python callback (TF1)"],
  ["tensorflow.compat.v1.numpy_function", ["exec"], "runs a Python callback"],
  ["tensorflow.raw_ops.PyFunc*", ["exec"], "runs a Python callback"],
  ["tensorflow.raw_ops.EagerPyFunc", ["exec"], "runs a Python callback"],
  ["tensorflow.raw_ops.WriteFile", ["file-write"], "writes a host file"],
  ["tensorflow.raw_ops.ReadFile", ["file-read"], "reads a host file"],
  ["tensorflow.raw_ops.MatchingFiles", ["file-read"], "lists host files"],
  ["tensorflow.raw_ops.Save*", ["file-write"], "writes a host file"],
  ["tensorflow.gfile.*", ["file-read", "file-write"], "TF1 host file access"],
  ["tensorflow.compat.v1.gfile.*", ["file-read", "file-write"], "TF1 host file access"],
  ["tensorflow.compat.v1.saved_model.*", ["nested-load"], "loads another SavedModel"],
  ["tensorflow.data.experimental.load", ["file-read", "nested-load"], "loads a saved data set"],
  ["tensorflow.numpy_function", ["exec"], "runs a Python callback"],
  ["tensorflow.compat.v1.py_func", ["exec"], "runs a Python callback"],
  ["tensorflow.python.*", ["exec"], "TensorFlow internals"],
  ["torch.load", ["exec"], "unpickles a torch file"],
  ["torch.hub.*", ["exec", "network"], "downloads and runs code"],
  ["torch.jit.load", ["exec"], "loads TorchScript"],
  ["keras.src.utils.python_utils.func_load", ["exec"], "rebuilds a function from marshalled bytecode"],
  ["tf_keras.src.utils.generic_utils.func_load", ["exec"], "rebuilds a function from marshalled bytecode"],
  ["keras.utils.generic_utils.func_load", ["exec"], "rebuilds a function from marshalled bytecode"],
  // tf_keras cell wrappers' own rebuilder (a func_load with the module's live globals), every spelling
  ["tf_keras.src.layers.rnn.cell_wrappers._parse_config_to_function", ["exec"], "rebuilds a function from marshalled bytecode"],
  ["keras.src.layers.rnn.cell_wrappers._parse_config_to_function", ["exec"], "rebuilds a function from marshalled bytecode"],
  ["keras.layers.rnn.cell_wrappers._parse_config_to_function", ["exec"], "rebuilds a function from marshalled bytecode"],
  ["tensorflow.python.keras.layers.rnn_cell_wrapper_v2._parse_config_to_function", ["exec"], "rebuilds a function from marshalled bytecode"],
  // --- safety off
  ["keras.config.enable_unsafe_deserialization", ["safety-off"], "turns Keras safe mode off"],
  ["keras.src.saving.serialization_lib.enable_unsafe_deserialization", ["safety-off"], "turns Keras safe mode off"],
  ["keras.src.backend.common.global_state.set_global_attribute", ["safety-off"], "sets Keras global state (safe mode among it)"],
  ["keras.src.backend.common.global_state.*", ["safety-off", "global-state"], "Keras global state"],
  // --- nested load
  ["keras.models.load_model", ["nested-load"], "loads another model"],
  ["keras.saving.load_model", ["nested-load"], "loads another model"],
  ["keras.src.saving.saving_api.load_model", ["nested-load"], "loads another model"],
  ["keras.src.models.model.model_from_json", ["nested-load"], "builds a model from JSON"],
  ["keras.models.model_from_json", ["nested-load"], "builds a model from JSON"],
  ["keras.models.model_from_yaml", ["nested-load", "exec"], "builds a model from YAML"],
  ["keras.saving.deserialize_keras_object", ["nested-load"], "deserialises a Keras object"],
  ["keras.src.saving.serialization_lib.deserialize_keras_object", ["nested-load"], "deserialises a Keras object"],
  ["keras.layers.TFSMLayer", ["nested-load"], "loads a SavedModel from a path"],
  ["keras.src.export.export_lib.TFSMLayer", ["nested-load"], "loads a SavedModel from a path"],
  ["keras.src.export.tfsm_layer.TFSMLayer", ["nested-load"], "loads a SavedModel from a path"],
  ["keras.layers.TorchModuleWrapper", ["nested-load", "exec"], "unpickles a torch module"],
  ["keras.src.utils.torch_utils.TorchModuleWrapper", ["nested-load", "exec"], "unpickles a torch module"],
  ["keras.datasets.*", ["network", "nested-load", "file-write"], "downloads and unpickles a data set"],
  ["keras.src.datasets.*", ["network", "nested-load", "file-write"], "downloads and unpickles a data set"],
  ["tensorflow.saved_model.load", ["nested-load"], "loads another SavedModel"],
  ["tensorflow.keras.models.load_model", ["nested-load"], "loads another model"],
  ["tf_keras.models.load_model", ["nested-load"], "loads another model"],
  ["numpy.load", ["file-read", "nested-load"], "loads an array file (pickles when allowed)"],
  // --- file read
  ["keras.utils.load_img", ["file-read"], "reads an image file"],
  ["keras.src.utils.image_utils.load_img", ["file-read"], "reads an image file"],
  ["keras.utils.*_dataset_from_directory", ["file-read"], "reads a folder of files"],
  ["keras.src.utils.*_dataset_utils.*", ["file-read"], "reads a folder of files"],
  ["numpy.loadtxt", ["file-read"], "reads a host file"],
  ["numpy.genfromtxt", ["file-read"], "reads a host file"],
  ["numpy.fromfile", ["file-read"], "reads a host file"],
  ["numpy.memmap", ["file-read", "file-write"], "maps a host file"],
  ["tensorflow.io.read_file", ["file-read"], "reads a host file"],
  ["tensorflow.read_file", ["file-read"], "reads a host file"],
  ["tensorflow.io.matching_files", ["file-read"], "lists host files"],
  ["tensorflow.io.gfile.GFile", ["file-read", "file-write"], "opens a host file"],
  ["tensorflow.io.gfile.glob", ["file-read"], "lists host files"],
  ["tensorflow.io.gfile.listdir", ["file-read"], "lists host files"],
  ["tensorflow.io.gfile.walk", ["file-read"], "lists host files"],
  ["tensorflow.io.gfile.exists", ["file-read"], "probes host files"],
  ["tensorflow.data.TextLineDataset", ["file-read"], "reads host files"],
  ["tensorflow.data.TFRecordDataset", ["file-read"], "reads host files"],
  ["tensorflow.data.Dataset.list_files", ["file-read"], "lists host files"],
  ["glob.*", ["file-read"], "lists host files"],
  ["os.listdir", ["file-read"], "lists host files"],
  ["os.scandir", ["file-read"], "lists host files"],
  ["os.walk", ["file-read"], "lists host files"],
  ["os.environ", ["file-read"], ENV_NOTE],
  ["os.environ.*", ["file-read"], ENV_NOTE],
  ["os.environb.*", ["file-read"], ENV_NOTE],
  ["posix.environ.*", ["file-read"], ENV_NOTE],
  ["nt.environ.*", ["file-read"], ENV_NOTE],
  ["os.environb", ["file-read"], ENV_NOTE],
  ["os.getenv", ["file-read"], ENV_NOTE],
  ["os.getenvb", ["file-read"], ENV_NOTE],
  ["os.path.expandvars", ["file-read"], ENV_NOTE],
  ["posix.environ", ["file-read"], ENV_NOTE],
  ["nt.environ", ["file-read"], ENV_NOTE],
  ["posixpath.expandvars", ["file-read"], ENV_NOTE],
  ["ntpath.expandvars", ["file-read"], ENV_NOTE],
  // standard-library readers of credential files by default or by path
  ["netrc.*", ["file-read"], "reads ~/.netrc (credentials)"],
  ["io.open_code", ["file-read"], "opens a host file"],
  ["_io.open_code", ["file-read"], "opens a host file"],
  ["configparser.*", ["file-read"], "reads configuration files"],
  ["mimetypes.read_mime_types", ["file-read"], "reads a host file"],
  ["h5py.File", ["file-read", "file-write"], "opens an HDF5 file (creates or truncates it in a write mode)"],
  ["os.getcwd", ["file-read"], "probes the host"],
  ["pathlib.*", ["file-read", "file-write"], "host file access"],
  ["linecache.*", ["file-read"], "reads host files"],
  ["fileinput.*", ["file-read"], "reads host files"],
  // --- file write
  ["keras.utils.get_file", ["network", "file-write"], "downloads a file to disk"],
  ["keras.src.utils.file_utils.get_file", ["network", "file-write"], "downloads a file to disk"],
  ["tensorflow.keras.utils.get_file", ["network", "file-write"], "downloads a file to disk"],
  ["keras.utils.save_img", ["file-write"], "writes an image file"],
  ["keras.src.utils.image_utils.save_img", ["file-write"], "writes an image file"],
  ["keras.utils.plot_model", ["file-write"], "writes a file"],
  ["keras.src.utils.model_visualization.plot_model", ["file-write"], "writes a file"],
  ["keras.utils.model_to_dot", ["file-write"], "writes a file"],
  ["keras.src.utils.model_visualization.model_to_dot", ["file-write"], "writes a file"],
  ["keras.visualization.*", ["file-write"], "writes files"],
  ["keras.src.visualization.*", ["file-write"], "writes files"],
  ["keras.models.save_model", ["file-write"], "writes a model file"],
  ["keras.saving.save_model", ["file-write"], "writes a model file"],
  ["keras.saving.save_weights", ["file-write"], "writes a weights file"],
  ["numpy.save*", ["file-write"], "writes an array file"],
  ["numpy.tofile", ["file-write"], "writes a host file"],
  ["tensorflow.io.write_file", ["file-write"], "writes a host file"],
  ["tensorflow.write_file", ["file-write"], "writes a host file"],
  ["tensorflow.io.gfile.makedirs", ["file-write"], "creates folders"],
  ["tensorflow.io.gfile.mkdir", ["file-write"], "creates folders"],
  ["tensorflow.io.gfile.remove", ["file-write"], "deletes host files"],
  ["tensorflow.io.gfile.rmtree", ["file-write"], "deletes host folders"],
  ["tensorflow.io.gfile.rename", ["file-write"], "moves host files"],
  ["tensorflow.io.gfile.copy", ["file-write"], "copies host files"],
  ["tensorflow.summary.create_file_writer", ["file-write"], "writes summary files"],
  ["tensorflow.saved_model.save", ["file-write"], "writes a model"],
  ["tensorflow.data.experimental.save", ["file-write"], "writes a data set"],
  ["tensorflow.debugging.experimental.enable_dump_debug_info", ["file-write"], "writes debug dumps"],
  ["shutil.*", ["file-write"], "copies, moves or deletes host files"],
  ["os.remove", ["file-write"], "deletes a host file"],
  ["os.unlink", ["file-write"], "deletes a host file"],
  ["os.rmdir", ["file-write"], "deletes a folder"],
  ["os.removedirs", ["file-write"], "deletes folders"],
  ["os.rename", ["file-write"], "moves a host file"],
  ["os.renames", ["file-write"], "moves host files"],
  ["os.replace", ["file-write"], "moves a host file"],
  ["os.mkdir", ["file-write"], "creates a folder"],
  ["os.makedirs", ["file-write"], "creates folders"],
  ["os.chmod", ["file-write"], "changes file permissions"],
  ["os.chown", ["file-write"], "changes file ownership"],
  ["os.symlink", ["file-write"], "creates a link"],
  ["os.link", ["file-write"], "creates a link"],
  ["os.truncate", ["file-write"], "truncates a host file"],
  ["os.write", ["file-write"], "writes to a file descriptor"],
  ["os.open", ["file-read", "file-write"], "opens a host file"],
  ["os.putenv", ["global-state"], "changes the environment"],
  ["os.chdir", ["global-state"], "changes the working folder"],
  ["tempfile.*", ["file-write"], "creates temporary files"],
  ["zipfile.*", ["file-read", "file-write"], "reads or writes archives"],
  ["tarfile.*", ["file-read", "file-write"], "reads or writes archives"],
  ["sqlite3.*", ["file-read", "file-write"], "opens a database file"],
  // --- network
  ["socket.*", ["network"], "opens a network socket"],
  ["_socket.*", ["network"], "opens a network socket"],
  ["ssl.*", ["network"], "network transport"],
  ["urllib.*", ["network"], "fetches a URL"],
  ["urllib2.*", ["network"], "fetches a URL"],
  ["urllib3.*", ["network"], "fetches a URL"],
  ["http.*", ["network"], "HTTP client or server"],
  ["httplib.*", ["network"], "HTTP client"],
  ["requests.*", ["network"], "fetches a URL"],
  ["httpx.*", ["network"], "fetches a URL"],
  ["aiohttp.*", ["network"], "fetches a URL"],
  ["ftplib.*", ["network"], "FTP client"],
  ["smtplib.*", ["network"], "sends mail"],
  ["poplib.*", ["network"], "mail client"],
  ["imaplib.*", ["network", "exec"], "mail client (IMAP4_stream runs a command)"],
  ["telnetlib.*", ["network"], "telnet client"],
  ["xmlrpc.*", ["network"], "RPC client"],
  ["webbrowser.*", ["network", "exec"], "opens a browser"],
  ["asyncio.open_connection", ["network"], "opens a network connection"],
  ["keras.distribution.initialize", ["network"], "joins a distributed cluster"],
  ["keras.src.distribution.distribution_lib.initialize", ["network"], "joins a distributed cluster"],
  ["tensorflow.distribute.*", ["network"], "distributed runtime"],
  // --- global state / DoS
  ["keras.config.set_*", ["global-state"], "changes Keras global configuration"],
  ["keras.config.disable_*", ["global-state"], "changes Keras global configuration"],
  ["keras.backend.clear_session", ["global-state"], "clears the Keras session"],
  ["keras.utils.clear_session", ["global-state"], "clears the Keras session"],
  ["keras.src.backend.common.global_state.clear_session", ["global-state"], "clears the Keras session"],
  ["tensorflow.config.*", ["global-state"], "changes TensorFlow runtime configuration"],
  ["sys.exit", ["global-state"], "exits the process"],
  ["builtins.exit", ["global-state"], "exits the process"],
  ["builtins.quit", ["global-state"], "exits the process"],
  ["os._exit", ["global-state"], "exits the process"],
  ["os.kill", ["global-state"], "signals a process"],
  ["os.abort", ["global-state"], "aborts the process"],
  ["sys.setrecursionlimit", ["global-state"], "changes interpreter limits"],
  ["time.sleep", ["global-state"], "stalls the process"],
  ["signal.*", ["global-state"], "installs signal handlers"],
  ["threading.*", ["global-state"], "starts threads"],
  ["multiprocessing.*", ["exec"], "starts processes"],
  ["atexit.*", ["exec"], "registers code to run at exit"],
  ["gc.*", ["global-state"], "interpreter internals"],
  ["inspect.*", ["exec"], "introspection (frames, source)"],
  ["base64.*", ["unverifiable"], "decodes encoded data (often a payload)"],
  ["codecs.decode", ["unverifiable"], "decodes encoded data (often a payload)"],
  ["zlib.decompress", ["unverifiable"], "decompresses data (often a payload)"],
  ["bz2.decompress", ["unverifiable"], "decompresses data"],
  ["lzma.decompress", ["unverifiable"], "decompresses data"],
  ["binascii.*", ["unverifiable"], "decodes encoded data"],
];

// Exact names outside the walked packages that pickles of model files name for plain data.
const ALLOW_EXTRA = new Set(["_codecs.encode", "codecs.encode"]);

/** A compiled glob: the literal text before the first "*" (checked first: most names fail there), then the whole pattern. */
const GLOBS = new Map<string, { prefix: string; re: RegExp }>();

/** Glob match: "*" stands for any run of characters (dots included) anywhere in the pattern. */
export function matches(pattern: string, name: string): boolean {
  const star = pattern.indexOf("*");
  if (star < 0) return name === pattern;
  if (star === pattern.length - 1) return name.startsWith(pattern.slice(0, star)); // "prefix*": no regex
  let g = GLOBS.get(pattern);
  if (!g) {
    g = { prefix: pattern.slice(0, star), re: new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s") };
    GLOBS.set(pattern, g);
  }
  return name.startsWith(g.prefix) && g.re.test(name);
}

/** Canonical module aliases seen in code and configs. */
const ALIASES: [string, string][] = [
  ["__builtin__.", "builtins."],
  ["__builtins__.", "builtins."],
  ["tf.", "tensorflow."],
  ["np.", "numpy."],
  ["K.", "keras.backend."],
  ["tensorflow.keras.", "keras."],
  ["tensorflow.python.keras.", "keras."],
  ["cPickle.", "pickle."],
  ["_pickle.", "pickle."],
];

/**
 * The operating-system modules, judged whole (they are not walked by the name generator): a name the
 * reviewed lists call pure is compute, one they call a probe reads the host; every other function the
 * module really has (its members in the name data) is taken to change host files or the process (fail
 * closed: os.mknod, os.utime, os.setxattr are writes nobody listed one by one). The deny list speaks first.
 */
const OS_MODULES = new Set(["os", "posix", "nt"]);
const OS_PATH_MODULES = new Set(["os.path", "posixpath", "ntpath", "genericpath"]);
const OS_PURE = new Set(
  ("name sep altsep extsep pathsep linesep curdir pardir defpath devnull supports_bytes_environ supports_dir_fd supports_effective_ids supports_fd supports_follow_symlinks " +
    "fspath fsencode fsdecode getpid getppid getpgrp getuid geteuid getgid getegid getgroups cpu_count process_cpu_count urandom getrandom get_terminal_size " +
    "strerror times uname getloadavg isatty WCOREDUMP WEXITSTATUS WIFCONTINUED WIFEXITED WIFSIGNALED WIFSTOPPED WSTOPSIG WTERMSIG waitstatus_to_exitcode " +
    "major minor makedev path PathLike DirEntry stat_result statvfs_result terminal_size times_result uname_result error").split(" "),
);
const OS_PROBE = new Set(
  ("stat lstat fstat access fwalk getcwdb readlink statvfs fstatvfs pathconf fpathconf get_inheritable get_blocking get_exec_path confstr sysconf ctermid " +
    "ttyname getxattr listxattr read pread readv preadv getlogin").split(" "),
);
const OS_PATH_PURE = new Set(
  ("join basename dirname split splitext splitdrive splitroot normpath normcase isabs commonpath commonprefix relpath abspath expanduser sep altsep extsep " +
    "pathsep curdir pardir defpath devnull supports_unicode_filenames isreserved").split(" "),
);
const OS_PATH_PROBE = new Set("exists lexists isfile isdir islink ismount isjunction isdevdrive getsize getmtime getatime getctime samefile sameopenfile samestat realpath".split(" "));

function osJudgement(target: string): TargetJudgement | undefined {
  const dot = target.lastIndexOf(".");
  if (dot < 0) return undefined;
  const mod = target.slice(0, dot);
  const name = target.slice(dot + 1);
  if (OS_PATH_MODULES.has(mod)) {
    if (OS_PATH_PURE.has(name)) return { target, capabilities: ["compute"], note: "compute (a path string helper)", verdict: "allow" };
    if (OS_PATH_PROBE.has(name)) return { target, capabilities: ["file-read"], note: "probes the host", verdict: "deny" };
    return undefined;
  }
  if (!OS_MODULES.has(mod)) return undefined;
  // private helpers (os._execvpe, os._spawnvef, posix._exit ...) are the machinery of exec and spawn
  if (name.startsWith("_") && !/^__\w+__$/.test(name)) return { target, capabilities: ["exec"], note: "a private os helper (exec and spawn machinery)", verdict: "deny" };
  // constants (O_CREAT, SEEK_SET, F_OK, EX_OK ...) are numbers
  if (OS_PURE.has(name) || /^[A-Z][A-Z0-9_]*$/.test(name)) return { target, capabilities: ["compute"], note: "compute (an os constant or query)", verdict: "allow" };
  if (OS_PROBE.has(name)) return { target, capabilities: ["file-read"], note: "probes the host", verdict: "deny" };
  if (systemModuleHas(mod === "nt" ? "os" : mod, name)) {
    return { target, capabilities: ["file-write", "global-state"], note: "an os function outside the reviewed lists (it may change host files or the process)", verdict: "deny" };
  }
  return undefined;
}

/**
 * Standard-library modules the name generator does not walk, judged by a reviewed table: modules whose whole
 * public API is computation on values; single pure names of mixed modules; modules whose functions run
 * programs, touch files or reach the network (by what they do, not one by one); and any private name
 * (internals such as uuid._get_command_stdout, _osx_support._read_output, warnings._getcategory run
 * programs or import by name). Anything else stays unknown (unverifiable).
 */
const STDLIB_PURE_MODULES = new Set(
  "math cmath bisect heapq statistics fractions decimal numbers itertools textwrap unicodedata colorsys keyword difflib struct binascii hmac zlib copy enum abc collections collections.abc datetime fnmatch re reprlib html secrets random json graphlib".split(" "),
);
const STDLIB_PURE_NAMES = new Set(
  ("time.time time.time_ns time.monotonic time.monotonic_ns time.perf_counter time.perf_counter_ns time.process_time time.process_time_ns time.thread_time time.thread_time_ns " +
    "time.gmtime time.localtime time.mktime time.strftime time.strptime time.asctime time.ctime time.struct_time time.timezone time.altzone time.daylight time.tzname time.get_clock_info " +
    "uuid.uuid3 uuid.uuid4 uuid.uuid5 uuid.UUID uuid.NAMESPACE_DNS uuid.NAMESPACE_URL uuid.NAMESPACE_OID uuid.NAMESPACE_X500 " +
    "logging.getLogger logging.debug logging.info logging.warning logging.warn logging.error logging.critical logging.exception logging.log logging.NullHandler logging.Formatter " +
    "logging.DEBUG logging.INFO logging.WARNING logging.WARN logging.ERROR logging.CRITICAL logging.FATAL logging.NOTSET logging.BASIC_FORMAT logging.getLevelName logging.getLevelNamesMapping " +
    "logging.getLoggerClass logging.makeLogRecord logging.LogRecord logging.Logger logging.LoggerAdapter logging.Filter " +
    "warnings.filterwarnings warnings.simplefilter warnings.catch_warnings warnings.resetwarnings " +
    "typing.cast typing.TYPE_CHECKING typing.Any typing.Optional typing.Union typing.List typing.Dict typing.Tuple typing.Set typing.FrozenSet typing.Callable typing.Sequence typing.Mapping " +
    "typing.Iterable typing.Iterator typing.Generator typing.Type typing.TypeVar typing.Generic typing.Protocol typing.Literal typing.Final typing.ClassVar typing.overload typing.final typing.NamedTuple typing.TypedDict " +
    "warnings.warn string.ascii_letters string.ascii_lowercase string.ascii_uppercase string.digits string.hexdigits string.octdigits string.punctuation string.printable string.whitespace string.capwords string.Template " +
    "pprint.pformat pprint.saferepr pprint.isreadable pprint.isrecursive shlex.split shlex.quote shlex.join " +
    "gzip.compress gzip.decompress bz2.compress bz2.decompress lzma.compress lzma.decompress " +
    "platform.python_version platform.python_version_tuple platform.python_implementation platform.python_compiler platform.system platform.machine platform.release platform.version platform.node " +
    "threading.get_ident threading.get_native_id threading.current_thread threading.active_count threading.Lock threading.RLock " +
    "base64.b64encode base64.b64decode base64.urlsafe_b64encode base64.urlsafe_b64decode base64.b32encode base64.b32decode base64.b16encode base64.b16decode base64.b85encode base64.b85decode base64.a85encode base64.a85decode base64.encodebytes base64.decodebytes " +
    "hashlib.md5 hashlib.sha1 hashlib.sha224 hashlib.sha256 hashlib.sha384 hashlib.sha512 hashlib.blake2b hashlib.blake2s hashlib.sha3_256 hashlib.sha3_512 hashlib.new " +
    "calendar.isleap calendar.monthrange calendar.weekday calendar.timegm array.array").split(" "),
);
/**
 * The compression modules' in-memory (de)compressor classes and io's in-memory streams: no path, no file (the
 * (de)compressors' compress / decompress / flush are stateful compute in the method data, tools/gen-python-names.py). The openers (open,
 * BZ2File, LZMAFile, GzipFile with a filename) keep the module's file note below.
 */
const STDLIB_INMEMORY_CODECS = new Set("bz2.BZ2Compressor bz2.BZ2Decompressor lzma.LZMACompressor lzma.LZMADecompressor zlib.compressobj zlib.decompressobj io.BytesIO io.StringIO".split(" "));
/** Standard-library modules by what their functions do (longest prefix wins). */
const STDLIB_EFFECTS: ReadonlyArray<[prefix: string, caps: Capability[], note: string]> = [
  ["shlex", ["file-read"], "a lexer whose source keyword opens the files it names"],
  ["imaplib", ["network", "exec"], "a mail client (IMAP4_stream runs a command)"],
  ["venv", ["exec", "file-write", "network"], "creates an environment and may run ensurepip/pip"],
  ["ensurepip", ["exec", "file-write"], "runs pip"],
  ["readline", ["file-read", "file-write"], "reads and writes history and init files"],
  ["logging.handlers", ["network", "file-write"], "log handlers that write files or send over the network"],
  ["logging.config", ["exec", "network"], "logging configuration: resolves and calls any dotted name, may listen on a socket"],
  ["logging", ["file-write"], "logging set-up that opens log files (basicConfig filename, FileHandler)"],
  ["xml.sax", ["network", "exec"], "parses documents fetched by URL; make_parser imports modules by name"],
  ["xml.dom", ["network", "file-read"], "parses documents it opens by file name or URL"],
  ["xml.etree", ["file-read"], "parses documents it opens by file name"],
  ["unittest", ["exec"], "imports and runs code by name (mock.patch, test loaders)"],
  ["pkgutil", ["exec"], "imports modules by name"],
  ["platform", ["exec", "file-read"], "runs programs and reads system files to describe the host"],
  ["spwd", ["file-read"], "reads /etc/shadow (credentials)"],
  ["pwd", ["file-read"], "reads the password database"],
  ["grp", ["file-read"], "reads the group database"],
  ["getpass", ["global-state"], "reads from the terminal"],
  ["glob", ["file-read"], "lists host files"],
  ["mailbox", ["file-read", "file-write"], "reads and writes mail files"],
  ["compileall", ["file-write"], "writes compiled files the interpreter imports"],
  ["py_compile", ["file-write"], "writes compiled files the interpreter imports"],
  ["zipimport", ["exec"], "imports code from archives"],
  ["doctest", ["exec"], "runs code from strings"],
  ["profile", ["exec"], "runs code from strings"],
  ["cProfile", ["exec"], "runs code from strings"],
  ["trace", ["exec"], "runs code from strings"],
  ["pdb", ["exec"], "a debugger (runs code)"],
  ["bdb", ["exec"], "a debugger (runs code)"],
  ["concurrent", ["exec"], "runs callables in threads or processes"],
  ["sched", ["exec"], "runs callables later"],
  ["threading", ["exec"], "runs callables in threads"],
  ["signal", ["global-state", "exec"], "installs signal handlers"],
  ["faulthandler", ["file-write", "global-state"], "writes tracebacks to files"],
  ["tkinter", ["exec"], "a GUI toolkit"],
  ["turtle", ["exec"], "a GUI toolkit"],
  ["curses", ["global-state"], "takes over the terminal"],
  ["smtplib", ["network"], "a mail client"],
  ["ftplib", ["network"], "an FTP client"],
  ["poplib", ["network"], "a mail client"],
  ["nntplib", ["network"], "a news client"],
  ["telnetlib", ["network"], "a telnet client"],
  ["xmlrpc", ["network", "exec"], "a remote-call client and server"],
  ["socketserver", ["network"], "a network server"],
  ["selectors", ["network"], "socket multiplexing"],
  ["mmap", ["file-read", "file-write"], "maps host files"],
  ["fcntl", ["file-write", "global-state"], "file descriptor control"],
  ["dbm", ["file-read", "file-write"], "opens database files"],
  ["shelve", ["file-read", "file-write", "nested-load"], "opens pickle databases"],
  ["enum.global_enum", ["global-state"], "writes an enum's members into the namespace of the module it names (sys.modules[module].__dict__)"],
  ["asyncio", ["exec", "network"], "runs programs (create_subprocess_exec/shell) and opens connections and servers"],
  ["site", ["exec", "file-read"], "adds site directories, running their .pth files"],
  ["wsgiref", ["network"], "a web server"],
  ["zipapp", ["file-write"], "writes executable archives"],
  ["mailcap", ["exec", "file-read"], "reads mailcap files and builds the commands they name"],
  ["gettext", ["file-read"], "opens translation files by path"],
  ["wave", ["file-read", "file-write"], "opens audio files by path"],
  ["aifc", ["file-read", "file-write"], "opens audio files by path"],
  ["sunau", ["file-read", "file-write"], "opens audio files by path"],
  ["filecmp", ["file-read"], "reads and compares host files"],
  ["imghdr", ["file-read"], "opens files by path"],
  ["sndhdr", ["file-read"], "opens files by path"],
  ["tabnanny", ["file-read"], "reads source files"],
  ["pyclbr", ["file-read"], "reads source files of modules by name"],
  ["modulefinder", ["file-read", "exec"], "reads and compiles scripts and modules"],
  ["copyreg", ["global-state"], "registers reducers every later pickling uses"],
  ["queue", ["global-state"], "thread queues (a get on an empty queue blocks)"],
  ["locale", ["global-state"], "changes the process locale"],
  ["gzip", ["file-read", "file-write"], "opens compressed files (open, GzipFile)"],
  ["bz2", ["file-read", "file-write"], "opens compressed files (open, BZ2File)"],
  ["lzma", ["file-read", "file-write"], "opens compressed files (open, LZMAFile)"],
];

/** Builtin names that load, run or open something: a pure module re-exporting one is not vouched for. */
const DANGEROUS_BUILTIN_NAMES = new Set("eval exec compile open __import__ getattr setattr delattr globals locals vars input breakpoint memoryview".split(" "));

function stdlibJudgement(target: string): TargetJudgement | undefined {
  const parts = target.split(".");
  if (parts.length < 2 || !isStdlibModule(parts[0]!) || parts[parts.length - 1] === "__any__") return undefined;
  // a module another module imported (getpass.os, logging.os): what lies beyond is that module's name; a
  // package's own submodule of the same name (importlib.abc is not abc, asyncio.subprocess not subprocess) is not
  for (let i = 1; i < parts.length - 1; i++) {
    if (isStdlibModule(parts[i]!) && parts[i] !== parts[i - 1] && !isStdlibSubmodule(parts.slice(0, i + 1).join("."))) return judgeTarget(parts.slice(i).join("."));
  }
  if (parts.slice(1).some((p) => p.startsWith("_") && !/^__\w+__$/.test(p)) || parts[0]!.startsWith("_")) {
    return { target, capabilities: ["exec"], note: "a private standard-library name (internals that may run programs or import by name)", verdict: "deny" };
  }
  if (STDLIB_PURE_NAMES.has(target)) return { target, capabilities: ["compute"], note: "compute (standard library)", verdict: "allow" };
  if (STDLIB_INMEMORY_CODECS.has(target)) return { target, capabilities: ["compute"], note: "an in-memory (de)compressor or stream (standard library: no path, no file)", verdict: "allow" };
  for (const [prefix, caps, note] of STDLIB_EFFECTS) if (target === prefix || target.startsWith(`${prefix}.`)) return { target, capabilities: caps, note, verdict: "deny" };
  // a pure module's own public name, one level down: what it imported (enum.bltns is builtins, fnmatch.os
  // is os) reaches further and is judged as what it is; a name shared with a dangerous builtin is not taken
  const mod = parts.slice(0, -1).join(".");
  const last = parts[parts.length - 1]!;
  const importedModule = isStdlibModule(last) && last !== mod.split(".").pop(); // bisect.bisect is the function
  if (STDLIB_PURE_MODULES.has(mod) && !importedModule && !DANGEROUS_BUILTIN_NAMES.has(last)) return { target, capabilities: ["compute"], note: "compute (standard library)", verdict: "allow" };
  // a public method or attribute of a pure module's public class (datetime.datetime.now, re.Pattern.match):
  // not a module it imported, not a submodule, no dunder (json.dumps.__globals__ reaches a namespace)
  if (parts.length === 3 && STDLIB_PURE_MODULES.has(parts[0]!) && (parts[1] === parts[0] || !isStdlibModule(parts[1]!)) && !isStdlibSubmodule(`${parts[0]}.${parts[1]}`) && !parts[2]!.startsWith("_") && !DANGEROUS_BUILTIN_NAMES.has(parts[1]!) && !DANGEROUS_BUILTIN_NAMES.has(parts[2]!)) {
    return { target, capabilities: ["compute"], note: "compute (standard library)", verdict: "allow" };
  }
  return undefined;
}

export function canonicalName(name: string): string {
  for (const [a, b] of ALIASES) if (name.startsWith(a)) return b + name.slice(a.length);
  if (name === "tf") return "tensorflow";
  if (name === "np") return "numpy";
  return name;
}

function denied(target: string): TargetJudgement | undefined {
  for (const [pattern, caps, note] of DENY) {
    if (matches(pattern, target)) return { target, capabilities: caps, note, verdict: "deny" };
  }
  return undefined;
}

/**
 * Judges a fully qualified Python target such as "os.system" or "keras.layers.Dense".
 * Order: the threat catalogue's denylist, then the exact name data generated from the real
 * packages (src/catalog/python-names.ts). Only names listed there as pure or stateful compute are
 * "allow"; a dangerous class is "deny"; an unreviewed or unlisted name is "unknown" (unverifiable).
 */
export function judgeTarget(qualified: string): TargetJudgement {
  // Pure in its argument: the same names recur across Lambdas, layers and files, so judgements are
  // remembered (bounded); each caller gets its own copy.
  let j = JUDGED.get(qualified);
  if (!j) {
    j = judgeUncached(qualified);
    if (JUDGED.size >= MAX_JUDGED) JUDGED.clear();
    JUDGED.set(qualified, j);
  }
  return { ...j, capabilities: [...j.capabilities] };
}

const JUDGED = new Map<string, TargetJudgement>();
const MAX_JUDGED = 50_000;

function judgeUncached(qualified: string): TargetJudgement {
  const aliased = canonicalName(qualified);
  const target = resolveModulePath(aliased);
  // a reviewed pure name of a module the deny list names whole (threading.get_ident under threading.*)
  if (STDLIB_PURE_NAMES.has(target)) return { target, capabilities: ["compute"], note: "compute (standard library)", verdict: "allow" };
  const d = denied(target) ?? (target !== aliased ? denied(aliased) : undefined);
  if (d) return d;
  // Keras 2 names (keras.backend.clip, tf.keras.backend.*) are the tf_keras API.
  // TensorFlow 1.x names (tf.image.resize_images) are TF 2's tf.compat.v1.
  const entry =
    lookupName(target) ??
    (target.startsWith("keras.") ? lookupName(`tf_keras.${target.slice(6)}`) : undefined) ??
    (target.startsWith("tensorflow.") && !target.startsWith("tensorflow.compat.") ? lookupName(`tensorflow.compat.v1.${target.slice(11)}`) : undefined);
  if (entry) {
    // an object re-exported from elsewhere (numpy.compat.Path is pathlib.Path) is what it is; and a
    // rule holds for every spelling of the object it names (numpy.load is numpy.lib._npyio_impl.load)
    const foreign = entry.canonical.split(".")[0] !== target.split(".")[0];
    const viaCanonical = (foreign ? denied(entry.canonical) : undefined) ?? deniedObjects().get(entry.canonical);
    if (viaCanonical) return { ...viaCanonical, target, note: `${viaCanonical.note} (it is ${entry.canonical}, which the rule for ${viaCanonical.target} names)` };
    if (isVerifiedCompute(entry.cls)) return { target, capabilities: ["compute"], note: entry.cls === "stateful" ? `stateful compute (${entry.family})` : `compute (${entry.family})`, verdict: "allow" };
    if (entry.cls === "unreviewed") return { target, capabilities: [], note: `exists (${entry.family}) but is not reviewed`, verdict: "unknown" };
    const caps = capabilitiesOf(entry.cls);
    return { target, capabilities: caps, note: `${entry.cls.replace("-", " ")} (${entry.family})`, verdict: "deny" };
  }
  // a namespace read by name through its dict's own methods (os.__dict__.get, np.__dict__.items)
  if (/\.__dict__\./.test(target)) return { target, capabilities: ["exec"], note: "reads a module's namespace by name (any member)", verdict: "deny" };
  const os = osJudgement(target) ?? stdlibJudgement(target);
  if (os) return os;
  if (ALLOW_EXTRA.has(target)) return { target, capabilities: ["compute"], note: "compute", verdict: "allow" };
  // from_config / deserialize / func_load of any Keras class (Lambda.from_config) rebuilds objects and
  // functions from a config: a nested load whatever class it hangs on
  if (/^(?:keras|tf_keras|tensorflow)\./.test(target) && KERAS_REBUILDERS.test(target)) {
    return { target, capabilities: ["nested-load"], note: "rebuilds layers or functions from a config (a Keras from_config/deserialize)", verdict: "deny" };
  }
  return { target, capabilities: [], note: "not in the verified name data", verdict: "unknown" };
}

/**
 * An unlisted name CALLED inside a package the name data walked, ending like one of that package's
 * dangerous objects (numpy.core.memmap, numpy 1.x's shim of numpy.memmap): it may well be that
 * object, so the caller judges it as that one (fail closed).
 */
export function packageTwin(target: string): TargetJudgement | undefined {
  const dot = target.indexOf(".");
  if (dot <= 0 || lookupName(target) || !TWIN_TOPS.has(target.slice(0, dot))) return undefined;
  const twin = deniedLastNames().get(`${target.slice(0, dot)} ${target.slice(target.lastIndexOf(".") + 1)}`);
  return twin && twin.target !== target ? { ...twin, target, note: `not in the name data; the name of ${twin.target}: ${twin.note}` } : undefined;
}

/**
 * Packages whose unwalked submodules re-export their public objects (numpy.core is numpy._core's shim,
 * tensorflow's private paths hold its API). Not Keras: an unlisted keras.src / tf_keras.src path is
 * usually a module of another Keras version, which raises ImportError rather than being the object.
 */
const TWIN_TOPS = new Set(["numpy", "tensorflow", "jax"]);

/** Attribute names through which Keras classes and modules rebuild objects (and Lambda code) from configs. */
export const KERAS_REBUILDERS = /\.(?:from_config|deserialize|deserialize_keras_object|func_load|_from_config|from_json|model_from_config|model_from_json|model_from_yaml|load_model)$/;

/**
 * The rule that holds for an object under every spelling: for each DENY pattern, every listed name it
 * matches, keyed by that name's defining (canonical) name. Built on first use.
 */
let DENIED_OBJECTS: Map<string, TargetJudgement> | undefined;
function deniedObjects(): Map<string, TargetJudgement> {
  if (DENIED_OBJECTS) return DENIED_OBJECTS;
  const out = new Map<string, TargetJudgement>();
  for (const [pattern, caps, note] of DENY) {
    const star = pattern.indexOf("*");
    if (star < 0) {
      const e = lookupName(pattern);
      if (e && !out.has(e.canonical)) out.set(e.canonical, { target: pattern, capabilities: caps, note, verdict: "deny" });
      continue;
    }
    // the matches of a glob lie in the run of names that starts with its literal prefix
    for (const { name, canonical } of namesStartingWith(pattern.slice(0, star))) {
      // a glob over internals (tensorflow.python.*) denies those spellings, not the public names of
      // the same objects: only a public spelling it matches, or an exact rule, speaks for the object
      // (an internal spelling of an internal object, numpy.core.x of numpy._core.x, speaks for neither)
      if (canonical === name || !matches(pattern, name) || matches(pattern, canonical)) continue;
      if (!out.has(canonical)) out.set(canonical, { target: name, capabilities: caps, note, verdict: "deny" });
    }
  }
  DENIED_OBJECTS = out;
  return out;
}

/**
 * "top last" -> the dangerous object of that package (one of TWIN_TOPS) with that last name: the exact
 * DENY names and the listed names that run code or load objects. Built on first use.
 */
let DENIED_LAST: Map<string, TargetJudgement> | undefined;
function deniedLastNames(): Map<string, TargetJudgement> {
  if (DENIED_LAST) return DENIED_LAST;
  const out = new Map<string, TargetJudgement>();
  const add = (name: string, caps: Capability[], note: string): void => {
    const dot = name.indexOf(".");
    if (dot < 0 || !TWIN_TOPS.has(name.slice(0, dot))) return; // packageTwin asks for no other package
    const key = `${name.slice(0, dot)} ${name.slice(name.lastIndexOf(".") + 1)}`;
    if (!out.has(key)) out.set(key, { target: name, capabilities: caps, note, verdict: "deny" });
  };
  for (const [pattern, caps, note] of DENY) if (!pattern.includes("*")) add(pattern, caps, note);
  for (const { name, cls, family } of namesStartingWith("")) {
    // the classes that run code or load objects: a shared last name (load, system, func_load) is a
    // strong hint; file classes share generic names (image, write, text) with plain compute
    if (cls !== "process" && cls !== "native" && cls !== "nested-load" && cls !== "deserialisation") continue;
    add(name, capabilitiesOf(cls), `${cls.replace("-", " ")} (${family})`);
  }
  DENIED_LAST = out;
  return out;
}

const RANK: Record<Capability, Severity> = {
  exec: "critical",
  "safety-off": "critical",
  "native-load": "critical",
  "nested-load": "high",
  "file-write": "high",
  network: "high",
  "file-read": "medium",
  "global-state": "medium",
  unverifiable: "medium",
  "custom-code": "low",
  container: "medium",
  compute: "info",
};

const ORDER: Severity[] = ["critical", "high", "medium", "low", "info"];

/** Severity implied by a set of capabilities (THREATS.md severity guide). */
export function severityOf(caps: readonly Capability[]): Severity {
  let best: Severity = "info";
  for (const c of caps) {
    const s = RANK[c];
    if (ORDER.indexOf(s) < ORDER.indexOf(best)) best = s;
  }
  return best;
}

/** Risky = anything beyond pure compute and inventory. */
export function isRisky(caps: readonly Capability[]): boolean {
  return caps.some((c) => c !== "compute" && c !== "custom-code");
}

/** Top-level module names whose import inside a Lambda is ordinary. */
export const BENIGN_IMPORTS = new Set(["tensorflow", "keras", "numpy", "math", "tf_keras", "functools", "itertools", "operator", "collections"]);

/** String constants that betray intent: URLs, shell syntax, sensitive paths. */
export function suspiciousString(s: string): string | undefined {
  if (/\b(?:https?|ftp|gs|s3|hdfs|file):\/\//i.test(s)) return "URL";
  if (/(?:^|[\s;|&])(?:\/bin\/(?:ba)?sh|bash|sh|curl|wget|nc|ncat|powershell|cmd\.exe|chmod|rm\s+-rf)\b/.test(s)) return "shell command";
  if (/[;|&`]\s*\w|\$\(/.test(s) && /\s/.test(s)) return "shell syntax";
  if (/(?:^|\/)(?:etc\/(?:passwd|shadow|hosts|cron)|\.ssh|\.bashrc|\.profile|\.aws|authorized_keys|id_rsa|site-packages|\.config)/.test(s)) return "sensitive path";
  return undefined;
}
