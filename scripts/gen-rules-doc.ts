// Writes docs/rules.md from rule metadata: npm run docs:rules
import { writeFileSync } from "node:fs";
import { ALL_RULES } from "../src/rules/index.js";
import { renderRulesDoc } from "../src/report/rules-doc.js";
import { renderNamesDoc } from "./names-doc.js";

writeFileSync(new URL("../docs/rules.md", import.meta.url), renderRulesDoc(ALL_RULES));
console.log(`docs/rules.md: ${ALL_RULES.length} rules`);
writeFileSync(new URL("../docs/python-names.md", import.meta.url), renderNamesDoc());
console.log("docs/python-names.md: name data coverage");
