// The one ajv configuration of report validation: compiled when a report of an older schema major is read
// (src/result/read.ts), ahead of time for the current one (scripts/gen-validator.ts writes
// src/result/validate-current.ts from it, so `ftscan report` compiles nothing: 0.25-0.35 s saved per read).
import { Ajv2020, type CodeOptions } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// useDefaults: a 3.x inventory field left out as equal to its schema `default` is filled back while validating.
export function reportAjv(code: CodeOptions): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false, useDefaults: true, code });
  // ajv-formats is CommonJS: its callable is the default export under NodeNext.
  const addFormats = addFormatsModule as unknown as { default?: typeof addFormatsModule } & typeof addFormatsModule;
  (addFormats.default ?? addFormats)(ajv);
  return ajv;
}
