// graphwarden-service as a library: the API, the job runner, the stores and the queue.
export { buildApp, type AppOptions } from "./app.js";
export { processScan, keyFor, variantOf, type JobDeps, type JobOutcome } from "./jobs.js";
export { confine, artifactSha256, PathError } from "./paths.js";
export { BullQueue, InlineQueue, QUEUE_NAME, redisConnection, startBullWorker, type JobQueue } from "./queue.js";
export { FORMATS, RULES_VERSION, Scanner, renderAll, scannerVersion, type Format, type Renders } from "./scanner.js";
export { MemoryStore, PgStore, type ResultRow, type ScanRow, type Store } from "./store.js";
export { main } from "./main.js";
