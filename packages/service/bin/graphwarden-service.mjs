#!/usr/bin/env node
import { main } from "../dist/main.js";

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`graphwarden-service: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
