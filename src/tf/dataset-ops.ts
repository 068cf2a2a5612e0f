// Every dataset op TensorFlow registers, by what it does with a dataset that never ends: the table the
// endless-run analysis (src/tf/graph.ts datasetFlow) reads. tests/tf/dataset-ops.test.ts checks it against
// the OpDefs of real TensorFlow (tools/gen-dataset-op-vectors.py): an op missing here fails that test, and
// an op the analysis meets without an entry is taken to keep its inputs' endlessness (never "ends").

/**
 * - source: makes a dataset from tensors, files or a service (endless only by its own rule: Range, Random);
 * - keeps: yields while its first input yields (a map, a batch, a shuffle, a prefetch...): endless when it is;
 * - flatten: keeps, and also yields the datasets its function returns (flat_map, interleave, group_by_window);
 * - filter: keeps, and may drop every element (a predicate that is always false starves it);
 * - drops: keeps, but may yield nothing for an input element (ignore_errors drops the failing ones, unbatch an
 *   empty batch, a sampling or last-component filter): over an endless input it starves unless shown to yield;
 * - hoards: keeps, and yields only at its input's end or for elements not seen before (a group-by-reducer, a
 *   unique): over an endless input it may never yield again;
 * - any / all: several dataset inputs, endless when any / all are (concatenate, choose-fastest / zip);
 * - selects: a selector dataset picks among data inputs (sample_from_datasets, choose_from_datasets): it ends
 *   with its selector, or once its data inputs are exhausted, so it is endless only when both go on;
 * - repeat, take, skip, takeWhile, assertCardinality: a count or a predicate decides (their rules in datasetFlow);
 * - drains: iterates its input to the end (reduce, save, write TFRecord, fill a table): never ends on an
 *   endless input;
 * - one: reads one or two elements (get_single_element, an element at an index): never ends on one that starves;
 * - inspects: never iterates (cardinality, fingerprint, serialise, register, bind an iterator).
 */
export type DatasetRole = "source" | "keeps" | "flatten" | "filter" | "drops" | "hoards" | "any" | "all" | "selects" | "repeat" | "take" | "skip" | "takeWhile" | "assertCardinality" | "drains" | "one" | "inspects";

const TABLE: Record<DatasetRole, string> = {
  source:
    "CSVDataset CSVDatasetV2 DataServiceDataset DataServiceDatasetV2 DataServiceDatasetV3 DataServiceDatasetV4 DatasetFromGraph ExperimentalCSVDataset " +
    "ExperimentalLMDBDataset ExperimentalMatchingFilesDataset ExperimentalRandomDataset ExperimentalSqlDataset FixedLengthRecordDataset FixedLengthRecordDatasetV2 " +
    "GeneratorDataset LMDBDataset ListDataset ListSnapshotChunksDataset LoadDataset MatchingFilesDataset RandomDataset RandomDatasetV2 RangeDataset " +
    "SnapshotChunkDataset SnapshotDatasetReader SparseTensorSliceDataset SqlDataset TFRecordDataset TFRecordDatasetV2 TensorDataset TensorSliceDataset TextLineDataset",
  keeps:
    "AssertNextDataset AssertPrevDataset AutoShardDataset BatchDataset BatchDatasetV2 BytesProducedStatsDataset CacheDataset CacheDatasetV2 ChooseFastestBranchDataset " +
    "DenseToSparseBatchDataset ExperimentalAssertNextDataset ExperimentalAutoShardDataset ExperimentalBytesProducedStatsDataset ExperimentalDenseToSparseBatchDataset " +
    "ExperimentalLatencyStatsDataset ExperimentalMapAndBatchDataset ExperimentalMapDataset ExperimentalMaxIntraOpParallelismDataset " +
    "ExperimentalNonSerializableDataset ExperimentalParseExampleDataset ExperimentalPrivateThreadPoolDataset ExperimentalRebatchDataset ExperimentalScanDataset " +
    "ExperimentalSetStatsAggregatorDataset ExperimentalSleepDataset ExperimentalSlidingWindowDataset ExperimentalThreadPoolDataset " +
    "FinalizeDataset GlobalShuffleDataset IndexFlatMapDataset LatencyStatsDataset MapAndBatchDataset MapDataset " +
    "MaxIntraOpParallelismDataset ModelDataset NonSerializableDataset OptimizeDataset OptimizeDatasetV2 OptionsDataset PaddedBatchDataset PaddedBatchDatasetV2 " +
    "ParallelBatchDataset ParallelMapDataset ParallelMapDatasetV2 ParseExampleDataset ParseExampleDatasetV2 PrefetchDataset PrivateThreadPoolDataset RebatchDataset " +
    "RebatchDatasetV2 RewriteDataset SaveDatasetV2 ScanDataset SetStatsAggregatorDataset ShardDataset ShuffleDataset ShuffleDatasetV2 ShuffleDatasetV3 " +
    "SleepDataset SlidingWindowDataset SnapshotDataset SnapshotDatasetV2 ThreadPoolDataset UnwrapDatasetVariant WindowDataset WrapDatasetVariant",
  flatten:
    "ExperimentalGroupByWindowDataset ExperimentalParallelInterleaveDataset FlatMapDataset GroupByWindowDataset InterleaveDataset LegacyParallelInterleaveDatasetV2 " +
    "ParallelInterleaveDataset ParallelInterleaveDatasetV2 ParallelInterleaveDatasetV3 ParallelInterleaveDatasetV4",
  filter: "FilterDataset ParallelFilterDataset",
  drops: "ExperimentalIgnoreErrorsDataset ExperimentalUnbatchDataset FilterByLastComponentDataset IgnoreErrorsDataset SamplingDataset UnbatchDataset",
  hoards: "ExperimentalGroupByReducerDataset ExperimentalUniqueDataset GroupByReducerDataset UniqueDataset",
  any: "ChooseFastestDataset ConcatenateDataset ExperimentalChooseFastestDataset SnapshotNestedDatasetReader WeightedFlatMapDataset",
  selects: "DirectedInterleaveDataset ExperimentalDirectedInterleaveDataset",
  all: "ZipDataset",
  repeat: "RepeatDataset ShuffleAndRepeatDataset ShuffleAndRepeatDatasetV2",
  take: "TakeDataset",
  skip: "SkipDataset",
  takeWhile: "ExperimentalTakeWhileDataset TakeWhileDataset",
  assertCardinality: "AssertCardinalityDataset",
  drains: "DatasetToTFRecord DistributedSave ExperimentalDatasetToTFRecord InitializeTableFromDataset ReduceDataset SaveDataset",
  one: "DatasetToSingleElement GetElementAtIndex",
  inspects:
    "ComputeBatchSize DatasetCardinality DatasetFingerprint DatasetToGraph DatasetToGraphV2 ExperimentalDatasetCardinality GetOptions MakeIterator " +
    "MultiDeviceIteratorInit RegisterDataset RegisterDatasetV2",
};

export const DATASET_ROLES: ReadonlyMap<string, DatasetRole> = new Map(
  (Object.entries(TABLE) as Array<[DatasetRole, string]>).flatMap(([role, ops]) => ops.split(" ").map((op) => [op, role] as const)),
);

/** Which data input carries the dataset, for the ops whose dataset is not their first input. */
export const DATASET_INPUT: Readonly<Record<string, number>> = { InitializeTableFromDataset: 1 };

/**
 * The count of elements a gathering op takes from its input before it yields its first one (a batch's
 * batch_size, a shuffle's buffer_size, a window's size), by input index (negative: from the end, after a list
 * input). Over an endless input a count that is not a constant or is astronomical never fills.
 */
export const GATHER_COUNT_INPUT: Readonly<Record<string, number>> = {
  BatchDataset: 1, BatchDatasetV2: 1, PaddedBatchDataset: 1, PaddedBatchDatasetV2: 1, ParallelBatchDataset: 1, DenseToSparseBatchDataset: 1,
  ExperimentalDenseToSparseBatchDataset: 1, ShuffleDataset: 1, ShuffleDatasetV2: 1, ShuffleDatasetV3: 1, SlidingWindowDataset: 1,
  ExperimentalSlidingWindowDataset: 1, WindowDataset: 1, MapAndBatchDataset: -3, ExperimentalMapAndBatchDataset: -3,
  // a shard yields input element `index` first (index + 1 read), then one in num_shards
  ShardDataset: 2,
};

/** The count input of the repeat ops (RepeatDataset(input, count); ShuffleAndRepeat(input, buffer, seed, seed2, count...)). */
export const REPEAT_COUNT_INPUT: Readonly<Record<string, number>> = { RepeatDataset: 1, ShuffleAndRepeatDataset: 4, ShuffleAndRepeatDatasetV2: 4 };
