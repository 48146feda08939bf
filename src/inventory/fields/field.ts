// One row of a field table: a vim25 property path read for one managed-object type, the API release that
// introduced it, the model field it fills, what an absent value means, and (when the evidence names a part
// of it) the deeper path rules cite. The fetch spec (property-specs.ts), the normalizer's reads and the
// rules' evidence paths (model.ts *_PATHS) all derive from the table, so a path is written once.
import { get, prop } from '../values.js';

export interface Field<D = unknown, S extends SubFields = SubFields> {
  path: string; // requested in the PropertySpec, as vCenter spells it
  since: string; // vim25 API version that introduced the path (newer paths are not requested)
  model?: string; // the Inventory field it fills, dotted ("ft.state"); absent for cross-reference links
  evidence?: string; // path cited by findings when narrower than `path` ("snapshot.rootSnapshotList")
  default: D; // the value of an absent property (defaults.ts documents the vCenter semantics)
  sub?: S; // model fields read from inside one fetched object ("config.product" -> product.version, ...)
  alt?: string; // read when `path` is absent, never requested: the same object inside a whole `summary`
}

// Sub-field form: one fetched property (a data object) fills several model fields. `path` is relative to the
// row's path; the evidence path is the two joined. Sub-field keys share the table's key space (*_PATHS).
export interface SubField<D = unknown> {
  path: string;
  model?: string;
  default: D;
}
type SubFields = Record<string, SubField>;

export function field<D, S extends SubFields>(
  since: string,
  path: string,
  extra: { model?: string; evidence?: string; default?: D; sub: S; alt?: string },
): Field<D, S> & { sub: S };
export function field<D = undefined>(since: string, path: string, extra?: { model?: string; evidence?: string; default?: D }): Field<D>;
export function field<D, S extends SubFields>(
  since: string,
  path: string,
  extra: { model?: string; evidence?: string; default?: D; sub?: S; alt?: string } = {},
): Field<D, S> {
  return {
    path,
    since,
    ...(extra.model ? { model: extra.model } : {}),
    ...(extra.evidence ? { evidence: extra.evidence } : {}),
    default: extra.default as D,
    ...(extra.sub ? { sub: extra.sub } : {}),
    ...(extra.alt ? { alt: extra.alt } : {}),
  };
}

export function sub<D = undefined>(path: string, extra: { model?: string; default?: D } = {}): SubField<D> {
  return { path, ...(extra.model ? { model: extra.model } : {}), default: extra.default as D };
}

// biome-ignore lint/suspicious/noExplicitAny: a table mixes rows of every default type
export type FieldTable = Record<string, Field<any, any>>;
type SubKeys<T extends FieldTable> = { [K in keyof T]: T[K] extends Field<unknown, infer S> ? keyof S : never }[keyof T];

/** The fetch list of a table, in table order: { path, since } per row. */
export function pathDefs(table: FieldTable): { path: string; since: string }[] {
  return Object.values(table).map(({ path, since }) => ({ path, since }));
}

/** The evidence path of each row and sub-field by its key: what the rules' `needs` and findings cite. */
export function evidencePaths<T extends FieldTable>(table: T): { readonly [K in keyof T | SubKeys<T>]: string } {
  const out: Record<string, string> = {};
  for (const [k, f] of Object.entries(table)) {
    out[k] = f.evidence ?? f.path;
    for (const [sk, s] of Object.entries<SubField>(f.sub ?? {})) {
      if (sk in table || sk in out) throw new Error(`field table: key ${sk} written twice`);
      out[sk] = `${f.path}.${s.path}`;
    }
  }
  return out as { [K in keyof T | SubKeys<T>]: string };
}

/** A sub-field's raw value inside the row's decoded object. */
export function readSub(parent: unknown, s: SubField): unknown {
  return get(parent, s.path);
}

/** A reader of one object's props through the table: the raw value of a row's path (else its alt path). */
export function reader(props: Record<string, unknown>): (f: Field) => unknown {
  return (f) => {
    const v = prop(props, f.path);
    return v === undefined && f.alt ? prop(props, f.alt) : v;
  };
}

/** The decoded value, or the row's default when the property is absent or does not decode. */
export function orFieldDefault<T>(value: T | undefined | null, f: { default: T }): T {
  return value === undefined || value === null ? f.default : value;
}
