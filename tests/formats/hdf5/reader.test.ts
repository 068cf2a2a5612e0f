// HDF5 reader structure tests on the fixtures (h5py-built and a real tf-keras save).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, open, rootString, utf8 } from "./helpers.js";

test("Keras-2-like file (superblock v0, symbol-table groups): walk, attributes, datasets", async () => {
  const f = await open(fixture("benign_keras.h5"));
  assert.equal(f.superblock.version, 0);
  assert.equal(f.superblock.signatureOffset, 0);
  const w = await f.walk();
  const paths = w.objects.map((o) => o.path).sort();
  assert.ok(paths.includes("/model_weights/dense_0/dense_0/kernel:0"));
  assert.ok(paths.includes("/optimizer_weights/Adam/iter:0"));
  assert.equal(w.objects[0]!.linkStorage, "symbol-table");
  const kernel = w.objects.find((o) => o.path === "/model_weights/dense_0/dense_0/kernel:0")!;
  assert.equal(kernel.kind, "dataset");
  assert.deepEqual(kernel.dataset!.shape, [4, 3]);
  assert.equal(kernel.dataset!.elementSize, 4);
  assert.equal(kernel.dataset!.layout, "contiguous");
  assert.equal(kernel.dataset!.storedBytes, 48);
  assert.equal(kernel.dataset!.declaredBytes, 48);
  const cfg = JSON.parse((await rootString(f, "model_config"))!) as { class_name: string };
  assert.equal(cfg.class_name, "Sequential");
  assert.equal(await rootString(f, "keras_version"), "2.13.1");
  const mw = w.objects.find((o) => o.path === "/model_weights")!;
  const ln = mw.attributes.find((a) => utf8(a.name) === "layer_names")!;
  assert.deepEqual(await f.attributeStrings(ln), ["dense_0", "dense_1"]);
  assert.deepEqual(w.links, []);
});

test("latest format (superblock v3, v2 object headers) with a variable-length string config", async () => {
  const f = await open(fixture("benign_keras_vlen.h5"));
  assert.equal(f.superblock.version, 3);
  const w = await f.walk();
  assert.equal(w.objects[0]!.headerVersion, 2);
  const a = w.objects[0]!.attributes.find((x) => utf8(x.name) === "model_config")!;
  assert.equal(a.datatype.cls, 9);
  const cfg = JSON.parse((await rootString(f, "model_config"))!) as { class_name: string };
  assert.equal(cfg.class_name, "Sequential");
});

test("dense attribute storage (large config) and dense link storage", async () => {
  const data = fixture("dense_storage.h5");
  const f = await open(data);
  const w = await f.walk();
  const root = w.objects[0]!;
  assert.notEqual(root.attributeStorage, "compact");
  const mc = root.attributes.find((x) => utf8(x.name) === "model_config")!;
  assert.equal(mc.dense, true);
  const text = (await rootString(f, "model_config"))!;
  assert.ok(text.length > 65536, `config of ${text.length} chars`);
  const cfg = JSON.parse(text) as { config: { layers: unknown[] } };
  assert.equal(cfg.config.layers.length, 25);
  const g = w.objects.find((o) => o.path === "/many_links")!;
  assert.equal(g.linkStorage, "dense");
  assert.equal(g.links!.length, 40);
  // Keras's split attributes layer_names0, layer_names1, ... are all there.
  const split = g.attributes.filter((a) => /^layer_names\d+$/.test(utf8(a.name))).sort((a, b) => utf8(a.name).localeCompare(utf8(b.name)));
  assert.equal(split.length, 3);
  const names = (await Promise.all(split.map((a) => f.attributeStrings(a)))).flat();
  assert.equal(names.length, 1500);
  assert.equal(names[0], "layer_with_a_long_name_00000");
  assert.equal(root.attributes.filter((a) => /^extra_\d+$/.test(utf8(a.name))).length, 40);
});

test("user block: signature at 512, addresses relative to it", async () => {
  const f = await open(fixture("benign_userblock.h5"));
  assert.equal(f.superblock.signatureOffset, 512);
  assert.equal(f.superblock.base, 512);
  assert.equal(JSON.parse((await rootString(f, "model_config"))!).class_name, "Sequential");
});

test("links: external (file + object path) and soft (target path)", async () => {
  const ext = await (await open(fixture("external_link.h5"))).walk();
  assert.deepEqual(ext.links.map((l) => [l.path, l.kind, l.file, l.target]), [["/model_weights/dense_0/dense_0/ext", "external", "/tmp/attacker/weights.h5", "/payload"]]);
  const soft = await (await open(fixture("soft_link.h5"))).walk();
  assert.deepEqual(soft.links.map((l) => [l.path, l.kind, l.target]), [["/model_weights/dense_1/alias", "soft", "/model_weights/dense_0"]]);
});

test("datasets: external storage, virtual sources, unallocated contiguous and chunked", async () => {
  const es = await (await open(fixture("external_storage.h5"))).walk();
  const leak = es.objects.find((o) => o.path.endsWith("leak:0"))!.dataset!;
  assert.deepEqual(leak.external, [{ file: "/etc/passwd", offset: 0, size: 64 }]);
  const vd = await (await open(fixture("virtual_dataset.h5"))).walk();
  const v = vd.objects.find((o) => o.path.endsWith("kernel_v:0"))!.dataset!;
  assert.equal(v.layout, "virtual");
  assert.deepEqual(v.virtual, [{ file: "/home/victim/.ssh/id_rsa.h5", dataset: "/data" }]);
  const multi = await (await open(fixture("virtual_dataset_multi.h5"))).walk();
  const vm = multi.objects.find((o) => o.path.endsWith("kernel_v:0"))!.dataset!;
  assert.equal(vm.virtualCount, 3);
  assert.deepEqual(vm.virtual, [
    { file: "shards/a.h5", dataset: "/w" },
    { file: "shards/b.h5", dataset: "/w" },
    { file: "shards/b.h5", dataset: "/w2" },
  ]);
  const sb = await (await open(fixture("shape_bomb.h5"))).walk();
  const bomb = sb.objects.find((o) => o.path.endsWith("bomb:0"))!.dataset!;
  assert.deepEqual(bomb.shape, [200000, 200000]);
  assert.equal(bomb.declaredBytes, 160_000_000_000);
  assert.equal(bomb.storedBytes, 0);
  const sc = await (await open(fixture("shape_bomb_chunked.h5"))).walk();
  const cb = sc.objects.find((o) => o.path === "/bomb")!.dataset!;
  assert.equal(cb.layout, "chunked");
  assert.equal(cb.storedBytes, 0);
});

test("real tf-keras save: model_config, layer groups, weights-only twin", async () => {
  const f = await open(fixture("tfkeras_small.h5"));
  const w = await f.walk();
  const cfg = JSON.parse((await rootString(f, "model_config"))!) as { class_name: string };
  assert.equal(cfg.class_name, "Sequential");
  assert.ok(w.objects.some((o) => o.path === "/model_weights/d1/d1/kernel:0" && o.dataset?.shape.join() === "4,3"));
  assert.ok(w.objects.some((o) => o.path.startsWith("/optimizer_weights/")));
  const wo = await open(fixture("tfkeras_small_weights.h5"));
  assert.equal(await rootString(wo, "model_config"), undefined);
  assert.ok((await wo.walk()).objects.some((o) => o.kind === "dataset"));
});
