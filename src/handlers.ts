// Registry of format handlers (files and archive members) and directory handlers.
import type { DirHandler, FormatHandler } from "./core/handler.js";
import { jsonHandler } from "./keras/json-handler.js";
import { kerasH5Handler } from "./keras/h5-handler.js";
import { yamlHandler } from "./keras/yaml-handler.js";
import { lfsPointerHandler } from "./formats/lfs.js";
import { ARCHIVE_HANDLERS } from "./formats/archive/handlers.js";
import { kerasZipHandler } from "./keras/keras-zip-handler.js";
import { npyHandler, pickleHandler } from "./pickle/handler.js";
import { tfliteHandler } from "./formats/tflite-handler.js";
import { tfjsDirHandler, tfjsHandler } from "./tf/tfjs-handler.js";
import { TF_FORMAT_HANDLERS, tfSavedModelDirHandler } from "./tf/handlers.js";

export const FORMAT_HANDLERS: readonly FormatHandler[] = [lfsPointerHandler, jsonHandler, yamlHandler, kerasH5Handler, tfliteHandler, tfjsHandler, kerasZipHandler, ...ARCHIVE_HANDLERS, pickleHandler, npyHandler, ...TF_FORMAT_HANDLERS];

export const DIR_HANDLERS: readonly DirHandler[] = [tfjsDirHandler, tfSavedModelDirHandler];
