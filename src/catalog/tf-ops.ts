// TensorFlow op capability catalogue (THREATS.md §4), as data. Every op name here exists in
// TensorFlow's op registry (checked against TF 2.20's TF_GetAllOpList, except the TF 1.x contrib
// ops marked "tf1-contrib"); input indices are NodeDef input positions (OpDef input_arg order).
import type { Capability } from "../core/types.js";

export type TfOpKind = "python-callback" | "file-read" | "file-write" | "network" | "availability";

export interface TfOpEntry {
  kind: TfOpKind;
  capabilities: Capability[];
  /** NodeDef input positions that carry a path, pattern, URI or address. */
  pathInputs?: number[];
  /** String attrs that carry a path or URL (list(string) attrs included). */
  pathAttrs?: string[];
  /**
   * When the op is a finding:
   *  always      - every occurrence;
   *  file-url    - only when a path attr is a file:// URL (PrintV2 output_stream);
   *  debug-url   - only when debug_urls holds file:// (write) or grpc:// (network) URLs;
   *  non-local   - only when the attr is a file path rather than local:// or bytes:// (proto descriptors);
   *  non-empty   - only when the path attr/input is not the empty string (vocab_file, cache filename);
   *  remote-job  - only when a device string names a job other than localhost (send/recv, RemoteCall);
   *  blocking    - waits for other ops (a queue element, a staged value, group members): judged unless the
   *                graph provably satisfies the wait (src/tf/graph.ts waitSatisfied).
   */
  when: "always" | "file-url" | "debug-url" | "non-local" | "non-empty" | "remote-job" | "blocking";
  /** What it does, for messages. */
  does: string;
  /** Part of the standard checkpoint subgraph when linked to the saver (THREATS §4). */
  checkpoint?: boolean;
  note?: string;
}

const cb = (does: string): TfOpEntry => ({ kind: "python-callback", capabilities: ["exec"], when: "always", does });
const read = (does: string, pathInputs: number[] = [0], extra: Partial<TfOpEntry> = {}): TfOpEntry => ({ kind: "file-read", capabilities: ["file-read"], pathInputs, when: "always", does, ...extra });
const write = (does: string, pathInputs: number[] = [0], extra: Partial<TfOpEntry> = {}): TfOpEntry => ({ kind: "file-write", capabilities: ["file-write"], pathInputs, when: "always", does, ...extra });
const net = (does: string, pathInputs: number[], extra: Partial<TfOpEntry> = {}): TfOpEntry => ({ kind: "network", capabilities: ["network"], pathInputs, when: "always", does, ...extra });

/** Ops whose effect is on the process, not on tensors: they end or stall whatever runs them (THREATS.md section 5, DoS). */
const halt = (does: string): TfOpEntry => ({ kind: "availability", capabilities: ["global-state"], when: "always", does });

/** Ops that wait for another op, another run or other processes: a wait nothing satisfies never returns. */
const wait = (does: string): TfOpEntry => ({ kind: "availability", capabilities: ["global-state"], when: "blocking", does });
const QUEUE_TAKE = "waits until its queue holds the elements it takes (forever when nothing enqueues them)";
const QUEUE_PUT = "waits while its bounded queue is full (forever when nothing dequeues)";
const STAGE_TAKE = "waits for a staged value (forever when nothing stages one)";
const ACCUMULATE = "waits until the accumulator has enough gradients (forever when none are applied)";
const READER_TAKE = "waits until its queue holds a work item (a file name) to read (forever when nothing enqueues one)";
const COLLECTIVE = "waits for every member of its collective group (forever when the group never forms)";

export const TF_OPS: Readonly<Record<string, TfOpEntry>> = {
  // --- availability: waits that nothing satisfies stall the load or the call (queues, staging areas,
  // accumulators, barriers, collectives: data_flow_ops, collective_ops)
  QueueDequeue: wait(QUEUE_TAKE),
  QueueDequeueV2: wait(QUEUE_TAKE),
  QueueDequeueMany: wait(QUEUE_TAKE),
  QueueDequeueManyV2: wait(QUEUE_TAKE),
  QueueDequeueUpTo: wait(QUEUE_TAKE),
  QueueDequeueUpToV2: wait(QUEUE_TAKE),
  QueueEnqueue: wait(QUEUE_PUT),
  QueueEnqueueV2: wait(QUEUE_PUT),
  QueueEnqueueMany: wait(QUEUE_PUT),
  QueueEnqueueManyV2: wait(QUEUE_PUT),
  Stage: wait("waits while its staging area is full (capacity or memory_limit) until a value is taken"),
  MapStage: wait("waits while its staging area is full (capacity or memory_limit) until a value is taken"),
  OrderedMapStage: wait("waits while its staging area is full (capacity or memory_limit) until a value is taken"),
  MutexLock: wait("waits until the mutex is free (forever when a lock of the same run still holds it)"),
  Unstage: wait(STAGE_TAKE),
  StagePeek: wait(STAGE_TAKE),
  MapUnstage: wait(STAGE_TAKE),
  MapUnstageNoKey: wait(STAGE_TAKE),
  MapPeek: wait(STAGE_TAKE),
  OrderedMapUnstage: wait(STAGE_TAKE),
  OrderedMapUnstageNoKey: wait(STAGE_TAKE),
  OrderedMapPeek: wait(STAGE_TAKE),
  AccumulatorTakeGradient: wait(ACCUMULATE),
  SparseAccumulatorTakeGradient: wait(ACCUMULATE),
  ResourceAccumulatorTakeGradient: wait(ACCUMULATE),
  BarrierTakeMany: wait("waits until the barrier holds enough complete elements (forever when none complete)"),
  CollectiveReduce: wait(COLLECTIVE),
  CollectiveReduceV2: wait(COLLECTIVE),
  CollectiveReduceV3: wait(COLLECTIVE),
  CollectiveGather: wait(COLLECTIVE),
  CollectiveGatherV2: wait(COLLECTIVE),
  CollectiveBcastSend: wait(COLLECTIVE),
  CollectiveBcastRecv: wait(COLLECTIVE),
  CollectiveBcastSendV2: wait(COLLECTIVE),
  CollectiveBcastRecvV2: wait(COLLECTIVE),
  CollectiveAllToAllV2: wait(COLLECTIVE),
  CollectiveAllToAllV3: wait(COLLECTIVE),
  CollectiveReduceScatterV2: wait(COLLECTIVE),
  // a reader takes its work items (file names) from a queue: on an empty, open queue it waits (observed on TF 2.20)
  ReaderRead: wait(READER_TAKE),
  ReaderReadV2: wait(READER_TAKE),
  ReaderReadUpTo: wait(READER_TAKE),
  ReaderReadUpToV2: wait(READER_TAKE),
  // forming a group of group_size members blocks until they all join (observed: group_size 2 on TF 2.20)
  CollectiveInitializeCommunicator: wait(COLLECTIVE),
  // GPU collectives over num_devices devices (no CPU kernel; where they run, they wait for every device)
  NcclAllReduce: wait(COLLECTIVE),
  NcclReduce: wait(COLLECTIVE),
  NcclBroadcast: wait(COLLECTIVE),
  _NcclReduceSend: wait(COLLECTIVE),
  _NcclReduceRecv: wait(COLLECTIVE),
  _NcclBroadcastSend: wait(COLLECTIVE),
  _NcclBroadcastRecv: wait(COLLECTIVE),

  // --- availability: ends or stalls the process (abort_op.cc: exit(0) or abort(); sleep_dataset_op.cc)
  Abort: halt("ends the process (exit, or abort with exit_without_error false)"),
  SleepDataset: halt("sleeps sleep_microseconds before every element"),
  ExperimentalSleepDataset: halt("sleeps sleep_microseconds before every element"),
  // Python callbacks: the function is not in the file; the loading process runs whatever callback is
  // registered under the `token` attr.
  PyFunc: { ...cb("calls a Python function registered in the loading process"), pathAttrs: ["token"] },
  PyFuncStateless: { ...cb("calls a Python function registered in the loading process"), pathAttrs: ["token"] },
  EagerPyFunc: { ...cb("calls a Python function registered in the loading process (tf.py_function)"), pathAttrs: ["token"] },

  // File reads.
  ReadFile: read("reads a whole file"),
  MatchingFiles: read("lists files matching a glob pattern"),
  MatchingFilesDataset: read("lists files matching glob patterns"),
  ExperimentalMatchingFilesDataset: read("lists files matching glob patterns"),
  ImmutableConst: read("memory-maps a file region into a tensor", [], { pathAttrs: ["memory_region_name"] }),
  WholeFileReader: read("reads whole files named by a queue", []),
  WholeFileReaderV2: read("reads whole files named by a queue", []),
  TextLineReader: read("reads text files named by a queue", []),
  TextLineReaderV2: read("reads text files named by a queue", []),
  FixedLengthRecordReader: read("reads record files named by a queue", []),
  FixedLengthRecordReaderV2: read("reads record files named by a queue", []),
  TFRecordReader: read("reads TFRecord files named by a queue", []),
  TFRecordReaderV2: read("reads TFRecord files named by a queue", []),
  LMDBReader: read("reads LMDB files named by a queue", []),
  TextLineDataset: read("reads lines of text files"),
  TFRecordDataset: read("reads TFRecord files"),
  TFRecordDatasetV2: read("reads TFRecord files"),
  FixedLengthRecordDataset: read("reads fixed-length record files"),
  FixedLengthRecordDatasetV2: read("reads fixed-length record files"),
  CSVDataset: read("reads CSV files"),
  CSVDatasetV2: read("reads CSV files"),
  ExperimentalCSVDataset: read("reads CSV files"),
  LMDBDataset: read("reads LMDB files"),
  ExperimentalLMDBDataset: read("reads LMDB files"),
  LoadDataset: read("loads a saved dataset from a directory"),
  SnapshotDatasetReader: read("reads dataset snapshot shards"),
  SnapshotChunkDataset: read("reads a dataset snapshot chunk file"),
  ListSnapshotChunksDataset: read("lists dataset snapshot chunks"),
  RecordInput: read("reads records from files matching a pattern", [], { pathAttrs: ["file_pattern"] }),
  InitializeTableFromTextFile: read("fills a lookup table from a text file", [1]),
  InitializeTableFromTextFileV2: read("fills a lookup table from a text file", [1]),
  Restore: read("restores tensors from a V1 checkpoint", [0], { checkpoint: true }),
  RestoreSlice: read("restores tensor slices from a V1 checkpoint", [0], { checkpoint: true }),
  RestoreV2: read("restores tensors from a checkpoint", [0], { checkpoint: true }),
  LoadAndRemapMatrix: read("loads a matrix from a checkpoint"),
  DecodeProtoV2: read("loads a protobuf descriptor set from a file", [], { pathAttrs: ["descriptor_source"], when: "non-local" }),
  EncodeProto: read("loads a protobuf descriptor set from a file", [], { pathAttrs: ["descriptor_source"], when: "non-local" }),
  FixedUnigramCandidateSampler: read("reads a vocabulary file", [], { pathAttrs: ["vocab_file"], when: "non-empty" }),
  GenerateVocabRemapping: read("reads two vocabulary files", [0, 1]),
  Skipgram: read("reads the text corpus named by its filename attr (word2vec)", [], { pathAttrs: ["filename"] }),
  DTensorRestoreV2: read("restores tensors from a checkpoint (DTensor)", [0]),
  SqlDataset: read("opens a database and runs a query", [1, 2], { capabilities: ["file-read", "network"] }),
  ExperimentalSqlDataset: read("opens a database and runs a query", [1, 2], { capabilities: ["file-read", "network"] }),

  // File writes.
  WriteFile: write("writes a file"),
  Save: write("writes a V1 checkpoint", [0], { checkpoint: true }),
  SaveSlices: write("writes a V1 checkpoint", [0], { checkpoint: true }),
  SaveV2: write("writes checkpoint files", [0], { checkpoint: true }),
  MergeV2Checkpoints: write("merges and moves checkpoint files", [0, 1], { checkpoint: true }),
  PrintV2: write("prints to a file", [], { pathAttrs: ["output_stream"], when: "file-url" }),
  DebugIdentity: write("streams tensors to debug URLs", [], { pathAttrs: ["debug_urls"], when: "debug-url" }),
  DebugIdentityV2: write("streams tensors to debug URLs", [], { pathAttrs: ["debug_urls"], when: "debug-url" }),
  DebugIdentityV3: write("streams tensors to debug URLs", [], { pathAttrs: ["debug_urls"], when: "debug-url" }),
  DebugNanCount: write("streams tensor statistics to debug URLs", [], { pathAttrs: ["debug_urls"], when: "debug-url" }),
  DebugNumericSummary: write("streams tensor statistics to debug URLs", [], { pathAttrs: ["debug_urls"], when: "debug-url" }),
  // the file it opens is logdir + "/events.out.tfevents.<time>.<host>..." + filename_suffix (input 4), cleaned
  // lexically: a suffix holding separators and ".." moves it (judged as a path of its own)
  CreateSummaryFileWriter: write("opens a summary file writer in a directory", [1, 4]),
  CreateSummaryDbWriter: write("opens a summary database writer", [1]),
  WriteSummary: write("writes a summary through a writer", []),
  WriteScalarSummary: write("writes a summary through a writer", []),
  WriteHistogramSummary: write("writes a summary through a writer", []),
  WriteImageSummary: write("writes a summary through a writer", []),
  WriteAudioSummary: write("writes a summary through a writer", []),
  WriteGraphSummary: write("writes a summary through a writer", []),
  WriteRawProtoSummary: write("writes a summary through a writer", []),
  DatasetToTFRecord: write("writes a dataset to a TFRecord file", [1]),
  ExperimentalDatasetToTFRecord: write("writes a dataset to a TFRecord file", [1]),
  SaveDataset: write("saves a dataset to a directory", [1]),
  SaveDatasetV2: write("saves a dataset to a directory", [1]),
  SnapshotDataset: write("writes and reads dataset snapshots in a directory", [1], { capabilities: ["file-write", "file-read"] }),
  SnapshotDatasetV2: write("writes and reads dataset snapshots in a directory", [1], { capabilities: ["file-write", "file-read"] }),
  CacheDataset: write("caches a dataset to files", [1], { when: "non-empty" }),
  CacheDatasetV2: write("caches a dataset to files", [1], { when: "non-empty" }),
  DumpTensor: write("writes a tensor to a file in log_dir_path", [], { pathAttrs: ["log_dir_path", "file_name"] }),
  CalibrationStatisticsSaver: write("writes calibration statistics to output_file_path", [], { pathAttrs: ["output_file_path", "ids"] }),
  FileSystemSetConfiguration: write("changes file system configuration for a scheme", [0, 1, 2], { capabilities: ["file-write", "global-state"] }),

  // Network.
  DataServiceDataset: net("reads a dataset from a tf.data service", [2]),
  DataServiceDatasetV2: net("reads a dataset from a tf.data service", [2]),
  DataServiceDatasetV3: net("reads a dataset from a tf.data service", [2]),
  DataServiceDatasetV4: net("reads a dataset from a tf.data service", [2]),
  RegisterDataset: net("registers a dataset with a tf.data service", [1]),
  RegisterDatasetV2: net("registers a dataset with a tf.data service", [1]),
  DistributedSave: net("saves a dataset through a tf.data service", [2, 1], { capabilities: ["network", "file-write"] }),
  Rpc: net("calls a remote method over gRPC (TF 1.x contrib)", [0], { note: "tf1-contrib" }),
  TryRpc: net("calls a remote method over gRPC (TF 1.x contrib)", [0], { note: "tf1-contrib" }),
  _Send: net("sends a tensor to a device of another job", [], { pathAttrs: ["send_device", "recv_device"], when: "remote-job" }),
  _Recv: net("receives a tensor from a device of another job", [], { pathAttrs: ["send_device", "recv_device"], when: "remote-job" }),
  _HostSend: net("sends a tensor to a device of another job", [], { pathAttrs: ["send_device", "recv_device"], when: "remote-job" }),
  _HostRecv: net("receives a tensor from a device of another job", [], { pathAttrs: ["send_device", "recv_device"], when: "remote-job" }),
  Send: net("sends a tensor to a device of another job", [], { pathAttrs: ["send_device", "recv_device"], when: "remote-job" }),
  Recv: net("receives a tensor from a device of another job", [], { pathAttrs: ["send_device", "recv_device"], when: "remote-job" }),
  RemoteCall: net("runs a function on the device named by target, another host when it names a remote job", [0], { when: "remote-job" }),
  RpcClient: net("connects to an RPC server", [0]),
  RpcCall: net("calls a remote method over RPC", [1]),
  RpcServer: net("starts an RPC server listening on an address", [0]),
  RpcServerStart: net("starts an RPC server", []),
  RpcServerRegister: net("registers a function with an RPC server", [1]),
  GcsConfigureCredentials: net("configures Google Cloud Storage credentials", [0], { note: "tf1-contrib" }),
  GcsConfigureBlockCache: net("configures the Google Cloud Storage block cache", [], { note: "tf1-contrib" }),
  BigQueryReader: net("reads rows from BigQuery", [], { pathAttrs: ["project_id", "dataset_id", "table_id"], note: "tf1-contrib" }),
  GenerateBigQueryReaderPartitions: net("lists BigQuery read partitions", [], { pathAttrs: ["project_id", "dataset_id", "table_id"], note: "tf1-contrib" }),
};

/** The catalogue entry of an op (own keys only: "constructor" or "__proto__" are not ops we know). */
export function tfOpEntry(op: string): TfOpEntry | undefined {
  return Object.prototype.hasOwnProperty.call(TF_OPS, op) ? TF_OPS[op] : undefined;
}

/** OpDef input arg names (TF 2.20) of the path-carrying inputs, for evidence such as address="...". */
export const TF_INPUT_NAMES: Readonly<Record<string, readonly string[]>> = {
  DataServiceDataset: ["dataset_id", "processing_mode", "address", "protocol"],
  DataServiceDatasetV2: ["dataset_id", "processing_mode", "address", "protocol"],
  DataServiceDatasetV3: ["dataset_id", "processing_mode", "address", "protocol"],
  DataServiceDatasetV4: ["dataset_id", "processing_mode", "address", "protocol"],
  RegisterDataset: ["dataset", "address", "protocol"],
  RegisterDatasetV2: ["dataset", "address", "protocol"],
  DistributedSave: ["dataset", "directory", "address"],
  RpcClient: ["server_address"],
  RemoteCall: ["target"],
  DTensorRestoreV2: ["prefix"],
  Rpc: ["address", "method", "request"],
  TryRpc: ["address", "method", "request"],
  RpcServer: ["server_address"],
  RpcCall: ["client", "method_name"],
  RpcServerRegister: ["server", "method_name"],
  GenerateVocabRemapping: ["new_vocab_file", "old_vocab_file"],
  SqlDataset: ["driver_name", "data_source_name", "query"],
  ExperimentalSqlDataset: ["driver_name", "data_source_name", "query"],
  InitializeTableFromTextFile: ["table_handle", "filename"],
  InitializeTableFromTextFileV2: ["table_handle", "filename"],
  CreateSummaryFileWriter: ["writer", "logdir", "max_queue", "flush_millis", "filename_suffix"],
  CreateSummaryDbWriter: ["writer", "db_uri"],
  DatasetToTFRecord: ["input_dataset", "filename"],
  ExperimentalDatasetToTFRecord: ["input_dataset", "filename"],
  SaveDataset: ["input_dataset", "path"],
  SaveDatasetV2: ["input_dataset", "path"],
  SnapshotDataset: ["input_dataset", "path"],
  SnapshotDatasetV2: ["input_dataset", "path"],
  CacheDataset: ["input_dataset", "filename"],
  CacheDatasetV2: ["input_dataset", "filename"],
  MergeV2Checkpoints: ["checkpoint_prefixes", "destination_prefix"],
  FileSystemSetConfiguration: ["scheme", "key", "value"],
  GcsConfigureCredentials: ["json"],
};

/** Ops that only pass a value through (for tracing constant operands). */
export const PASS_THROUGH_OPS = new Set(["Identity", "Snapshot", "StopGradient", "PreventGradient", "CheckNumerics", "EnsureShape", "RefIdentity", "Reshape", "ExpandDims", "Squeeze", "Unpack"]);


/** Remote schemes: reading or writing such a path reaches the network. */
export const REMOTE_SCHEME = /^(?:gs|s3|hdfs|viewfs|https?|ftp|az|abfss?|wasbs?|oss|grpcs?):\/\//i;
