// The YAML config file (--config ftscan.yaml): every flag as a key of the same name, plus per-server
// entries. Problems are one-line errors with the file and line ("ftscan.yaml:7: unknown key 'servre'").
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { ConfigError } from './errors.js';
import { convertValue, fieldOf, SERVER_KEYS, SETTING_KEYS, type OptionKey, type ServerEntry, type Settings } from './settings.js';
import { didYouMean } from '../util/suggest.js';
import { parseNotify } from '../app/index.js';
import { ValueError } from '../util/errors.js';

export interface LoadedConfig {
  settings: Partial<Settings>;
  warnings: string[];
}

export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, `cannot read the config file (${(err as NodeJS.ErrnoException).code ?? 'error'}): check --config`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined): number | undefined => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0].line ?? (e.pos ? lines.linePos(e.pos[0]).line : undefined);
    throw new ConfigError(file, `invalid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, line);
  }
  const root = doc.contents;
  const settings: Partial<Settings> = {};
  if (root === null || (isScalar(root) && root.value === null)) return { settings, warnings: [] };
  if (!isMap(root)) throw new ConfigError(file, 'the config file must be a mapping of option: value', lineOf(root));

  const baseDir = dirname(file);
  let holdsPassword = false;
  const keyOf = (pair: Pair): string => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
  const convert = (key: OptionKey, node: Node | null, at: Node | null): unknown => {
    try {
      return convertValue(key, node === null ? null : node.toJSON(), baseDir);
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      throw new ConfigError(file, err.message, lineOf(at));
    }
  };

  for (const pair of root.items as Pair<Node, Node | null>[]) {
    const key = keyOf(pair);
    if (key === 'notify') {
      try {
        settings.notify = parseNotify(pair.value === null ? null : pair.value.toJSON(), baseDir);
      } catch (err) {
        if (!(err instanceof ValueError)) throw err;
        throw new ConfigError(file, err.message, lineOf(pair.value ?? pair.key));
      }
      continue;
    }
    if (!SETTING_KEYS.includes(key)) {
      throw new ConfigError(file, `unknown key '${key}'${didYouMean(key, [...SETTING_KEYS, 'notify'])}`, lineOf(pair.key));
    }
    if (key === 'password') holdsPassword = true;
    if (key === 'server') {
      settings.servers = serverEntries(pair.value, (k, n, at) => convert(k, n, at), lineOf, file);
      holdsPassword ||= settings.servers.some((s) => s.password !== undefined);
      continue;
    }
    (settings as Record<string, unknown>)[fieldOf(key)!] = convert(key as OptionKey, pair.value, pair.value ?? pair.key);
  }

  const warnings: string[] = [];
  if (holdsPassword && process.platform !== 'win32') {
    const mode = statSync(file).mode;
    if (mode & 0o044) {
      warnings.push(`${file} holds a password and is readable by group/others: chmod 600 ${file} (or use password-file)`);
    }
  }
  return { settings, warnings };
}

// `server:` is a URL, a list of URLs, or a list of entries { server, user, password-file, ca-file, insecure, password }.
function serverEntries(
  node: Node | null,
  convert: (k: OptionKey, n: Node | null, at: Node | null) => unknown,
  lineOf: (n: Node | null | undefined) => number | undefined,
  file: string,
): ServerEntry[] {
  const items: (Node | null)[] = isSeq(node) ? (node.items as (Node | null)[]) : [node];
  return items.map((item) => {
    if (!isMap(item)) return (convert('server', item, item) as ServerEntry[])[0]!;
    const entry: Partial<ServerEntry> = {};
    for (const pair of item.items as Pair<Node, Node | null>[]) {
      const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!SERVER_KEYS.includes(k)) {
        throw new ConfigError(file, `unknown key '${k}' in a server entry${didYouMean(k, SERVER_KEYS)}`, lineOf(pair.key));
      }
      const field = k === 'server' ? 'server' : fieldOf(k)!;
      const v = convert(k as OptionKey, pair.value, pair.value ?? pair.key);
      (entry as Record<string, unknown>)[field] = k === 'server' ? (v as ServerEntry[])[0]!.server : v;
    }
    if (!entry.server) throw new ConfigError(file, "a server entry needs 'server: https://HOST'", lineOf(item));
    return entry as ServerEntry;
  });
}
