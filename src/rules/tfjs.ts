// TF.js rules: weight shard paths in model.json that leave the model's folder.
import { defineRule } from "./types.js";

export interface TfjsWeightPathSubject {
  path: string;
  escape: "url" | "absolute" | "parent";
  kind: "graph-model" | "layers-model";
}

declare module "./types.js" {
  interface Subjects {
    "tfjs-weight-path": TfjsWeightPathSubject;
  }
}

export const tfjsWeightPathEscape = defineRule({
  meta: {
    id: "GW610",
    name: "tfjs-weight-path-escape",
    severity: "medium",
    summary: "A TF.js model.json lists a weight shard outside its own folder (../, an absolute path or a URL).",
    why: "Loaders build each shard's location from weightsManifest[*].paths: the Node file loader joins it to the model folder, Python converters (os.path.join) let an absolute path replace the folder, and custom URL resolvers fetch what they are given. A path that leaves the folder makes the loader read a host file (then served back as weights) or fetch from another server. Converters only ever write bare shard names.",
    example: '"weightsManifest": [{"paths": ["../../../home/user/.ssh/id_rsa"], "weights": [...]}]',
    fix: "Do not load the model; shard paths must be plain file names next to model.json.",
    references: ["CWE-22", "CWE-918"],
  },
  on: {
    "tfjs-weight-path"(s, report) {
      const shown = JSON.stringify(s.path.length > 120 ? `${s.path.slice(0, 120)}…` : s.path);
      if (s.escape === "url") {
        report({ severity: "high", capabilities: ["network"], trigger: "load", message: `Weight shard ${shown} is a URL: a loader that resolves it fetches weights from another server.`, evidence: `weightsManifest path ${shown}` });
      } else {
        report({
          capabilities: ["file-read"],
          trigger: "load",
          message: `Weight shard ${shown} ${s.escape === "parent" ? "climbs out of the model folder" : "is an absolute path"}: the loader reads a file outside the model as weights.`,
          evidence: `weightsManifest path ${shown}`,
        });
      }
    },
  },
});
