// Registry of format handlers (files and archive members) and directory handlers.
import type { DirHandler, FormatHandler } from "./core/handler.js";
import { jsonHandler } from "./keras/json-handler.js";
import { kerasH5Handler } from "./keras/h5-handler.js";
import { yamlHandler } from "./keras/yaml-handler.js";
import { lfsPointerHandler } from "./formats/lfs.js";

export const FORMAT_HANDLERS: readonly FormatHandler[] = [lfsPointerHandler, jsonHandler, yamlHandler, kerasH5Handler];

export const DIR_HANDLERS: readonly DirHandler[] = [];
