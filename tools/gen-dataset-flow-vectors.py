#!/usr/bin/env python3
"""Differential vectors for the dataset flow of src/tf/graph.ts (datasetFlow: endless, size, starving) against real
TensorFlow 2.20: each pipeline below is built with tf.data, serialized as the GraphDef TensorFlow itself writes for
it (Dataset._as_serialized_graph, the form a SavedModel holds), and observed: its cardinality as TensorFlow computes
it (INFINITE -1, UNKNOWN -2, or a count), what asking it for one element does within a few seconds (an element,
empty: end of sequence, or no answer: the pipeline never yields, a filter or a reducer over an endless input), and
whether a full pass ends (within seconds and 100,000 elements). Run with the fixture venv:
~/.cache/graphwarden/venvs/gen/bin/python tools/gen-dataset-flow-vectors.py -> tests/tf/vectors/dataset-flow.json"""
import base64
import json
import os
import threading
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "dataset-flow.json"
D = tf.data.Dataset
R = D.range
BIG = 2**45

PIPELINES = {
    "range": lambda: R(10),
    "range_step": lambda: R(0, 100, 7),
    "range_negative_step": lambda: R(10, 0, -3),
    "range_empty": lambda: R(5, 0),
    "range_huge": lambda: R(BIG),
    "repeat_forever": lambda: R(3).repeat(),
    "repeat_count": lambda: R(3).repeat(4),
    "repeat_zero": lambda: R(3).repeat(0),
    "repeat_of_empty_forever": lambda: R(0).repeat(),
    "take_of_forever": lambda: R(3).repeat().take(7),
    "take_all_of_forever": lambda: R(3).repeat().take(-1),
    "skip_of_forever": lambda: R(3).repeat().skip(5),
    "skip": lambda: R(10).skip(4),
    "batch": lambda: R(10).batch(3),
    "batch_drop": lambda: R(10).batch(3, drop_remainder=True),
    "batch_forever": lambda: R(3).repeat().batch(2),
    "unbatch_of_batch": lambda: R(10).batch(3).unbatch(),
    "padded_batch": lambda: R(10).padded_batch(4),
    "concat_finite": lambda: R(3).concatenate(R(4)),
    "concat_forever_second": lambda: R(3).concatenate(R(2).repeat()),
    "zip_finite_forever": lambda: D.zip((R(5), R(2).repeat())),
    "zip_forever_forever": lambda: D.zip((R(5).repeat(), R(2).repeat())),
    "filter_finite": lambda: R(10).filter(lambda x: x < 4),
    "filter_forever_accepts": lambda: R(10).repeat().filter(lambda x: x < 4),
    "filter_forever_rejects": lambda: R(10).repeat().filter(lambda x: x > 100),
    "filter_forever_false": lambda: R(10).repeat().filter(lambda x: False),
    "filter_forever_true": lambda: R(10).repeat().filter(lambda x: True),
    "filter_after_map_rejects": lambda: R(10).repeat().map(lambda m: m * 0).filter(lambda y: y > 0),
    "filter_after_take_forever": lambda: R(10).repeat().take(5).filter(lambda x: x > 100),
    "map_forever": lambda: R(3).repeat().map(lambda x: x + 1),
    "shuffle_forever": lambda: R(3).shuffle(3).repeat(),
    "shuffle": lambda: R(8).shuffle(8),
    "prefetch_forever": lambda: R(3).repeat().prefetch(2),
    "cache_forever": lambda: R(3).cache().repeat(),
    "flat_map": lambda: R(4).flat_map(lambda x: R(3)),
    "flat_map_inner_forever": lambda: R(4).flat_map(lambda x: R(3).repeat()),
    "interleave": lambda: R(4).interleave(lambda x: R(2), cycle_length=2),
    "interleave_inner_forever": lambda: R(4).interleave(lambda x: R(2).repeat(), cycle_length=2),
    "shard": lambda: R(10).shard(3, 1),
    "shard_forever": lambda: R(10).repeat().shard(3, 1),
    "window_flat": lambda: R(10).window(3).flat_map(lambda w: w),
    "scan_forever": lambda: R(3).repeat().scan(tf.constant(0, tf.int64), lambda s, x: (s + x, s)),
    "take_while_forever": lambda: R(3).repeat().take_while(lambda x: x < 5),
    "take_while_forever_false": lambda: R(3).repeat().take_while(lambda x: False),
    "unique_forever": lambda: R(3).repeat().unique(),
    "unique": lambda: R(3).repeat(3).unique(),
    "unique_forever_take2": lambda: R(3).repeat().unique().take(2),
    "unique_forever_take5": lambda: R(3).repeat().unique().take(5),
    "unique_forever_map": lambda: R(3).repeat().unique().map(lambda u: u + 1),
    "unique_forever_batch": lambda: R(3).repeat().unique().batch(2, drop_remainder=True),
    "group_by_reducer_forever": lambda: R(3).repeat().apply(tf.data.experimental.group_by_reducer(lambda x: x % 2, tf.data.experimental.Reducer(lambda k: tf.constant(0, tf.int64), lambda s, x: s + x, lambda s: s))),
    "group_by_window_forever": lambda: R(3).repeat().group_by_window(lambda x: x % 2, lambda k, w: w.batch(2), window_size=2),
    "choose_forever_selector_finite_data": lambda: D.choose_from_datasets([R(3), R(4)], R(2).repeat()),
    "choose_forever_selector_one_finite": lambda: D.choose_from_datasets([R(3), R(4).repeat()], R(1).repeat()),
    "choose_finite_selector": lambda: D.choose_from_datasets([R(3), R(4)], R(2)),
    "sample_forever": lambda: D.sample_from_datasets([R(3).repeat(), R(4).repeat()], seed=1),
    "sample_finite": lambda: D.sample_from_datasets([R(3), R(4)], seed=1),
    "enumerate_forever": lambda: R(3).repeat().enumerate(),
    "random": lambda: tf.data.Dataset.random(seed=1),
    "ignore_errors_all_fail_forever": lambda: R(1).repeat().map(lambda e: tf.debugging.check_numerics(tf.math.log(tf.cast(e, tf.float32) - 1.0), "x")).ignore_errors(),
    "ignore_errors_none_fail_forever": lambda: R(1).repeat().map(lambda e: tf.debugging.check_numerics(tf.math.log(tf.cast(e, tf.float32) + 1.0), "x")).ignore_errors(),
    "unbatch_empty_forever": lambda: R(1).repeat().map(lambda e: tf.zeros([0], tf.int64)).unbatch(),
    "unbatch_rows_forever": lambda: R(1).repeat().map(lambda e: tf.zeros([2], tf.int64)).unbatch(),
    "flat_map_empty_inner_forever": lambda: R(1).repeat().flat_map(lambda e: R(0)),
    "from_tensor": lambda: D.from_tensors(tf.constant([1, 2, 3])),
    "from_tensor_slices": lambda: D.from_tensor_slices(tf.range(6)),
    "from_tensor_slices_repeat_take": lambda: D.from_tensor_slices(tf.range(6)).repeat().take(100),
    "rejection_resample_style": lambda: R(10).repeat().filter(lambda x: tf.equal(x % 2, 0)),
    "counter": lambda: tf.data.experimental.Counter(),
    "counter_take": lambda: tf.data.experimental.Counter().take(5),
    "assert_cardinality": lambda: R(10).apply(tf.data.experimental.assert_cardinality(10)),
    "rebatch": lambda: R(12).batch(4).rebatch(2),
    "ignore_errors_forever": lambda: R(3).repeat().ignore_errors(),
    "snapshot_like_cache_take": lambda: R(3).repeat().cache().take(4),
}


def first(ds, seconds=3.0):
    """What asking for one element does: 'element', 'empty', or 'hang' (no answer in time; the thread is left)."""
    box = {}

    def run():
        try:
            next(iter(ds))
            box["r"] = "element"
        except StopIteration:
            box["r"] = "empty"
        except Exception as e:  # noqa: BLE001
            box["r"] = "error:" + type(e).__name__

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    return box.get("r", "hang")


def drain(ds, seconds=3.0, cap=100_000):
    """Whether a full pass ends: 'ends' within the time and element cap, else 'never' (endless or stalled)."""
    box = {}

    def run():
        n = 0
        for _ in ds:
            n += 1
            if n >= cap:
                return
        box["r"] = "ends"

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    return box.get("r", "never")


def main() -> None:
    out = []
    for name, build in PIPELINES.items():
        ds = build()
        card = int(ds.cardinality())
        graph = ds._as_serialized_graph().numpy()
        out.append({"id": name, "cardinality": card, "first": first(ds), "drain": drain(ds) if card != -1 else "never", "graph": base64.b64encode(graph).decode()})
        print(name, card, out[-1]["first"], out[-1]["drain"])
    OUT.write_text(json.dumps({"tensorflow": tf.__version__, "pipelines": out}, indent=1) + "\n")
    print(f"{len(out)} pipelines -> {OUT}")
    os._exit(0)  # threads still waiting on a pipeline that never yields


if __name__ == "__main__":
    main()
