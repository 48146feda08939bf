// One row of a field table: a vim25 property path read for one managed-object type, the API release that
// introduced it, the model field it fills, what an absent value means, and (when the evidence names a part
// of it) the deeper path rules cite. The fetch spec (property-specs.ts), the normalizer's reads and the
// rules' evidence paths (model.ts *_PATHS) all derive from the table, so a path is written once.
import { prop } from '../values.js';

export interface Field<D = unknown> {
  path: string; // requested in the PropertySpec, as vCenter spells it
  since: string; // vim25 API version that introduced the path (newer paths are not requested)
  model?: string; // the Inventory field it fills, dotted ("ft.state"); absent for cross-reference links
  evidence?: string; // path cited by findings when narrower than `path` ("snapshot.rootSnapshotList")
  default: D; // the value of an absent property (defaults.ts documents the vCenter semantics)
}

export function field<D = undefined>(
  since: string,
  path: string,
  extra: { model?: string; evidence?: string; default?: D } = {},
): Field<D> {
  return {
    path,
    since,
    ...(extra.model ? { model: extra.model } : {}),
    ...(extra.evidence ? { evidence: extra.evidence } : {}),
    default: extra.default as D,
  };
}

export type FieldTable = Record<string, Field>;

/** The fetch list of a table, in table order: { path, since } per row. */
export function pathDefs(table: FieldTable): { path: string; since: string }[] {
  return Object.values(table).map(({ path, since }) => ({ path, since }));
}

/** The evidence path of each row by its key: what the rules' `needs` and findings cite. */
export function evidencePaths<T extends FieldTable>(table: T): { readonly [K in keyof T]: string } {
  return Object.fromEntries(Object.entries(table).map(([k, f]) => [k, f.evidence ?? f.path])) as { [K in keyof T]: string };
}

/** A reader of one object's props through the table: the raw value of a row's path. */
export function reader(props: Record<string, unknown>): (f: Field) => unknown {
  return (f) => prop(props, f.path);
}

/** The decoded value, or the row's default when the property is absent or does not decode. */
export function orFieldDefault<T>(value: T | undefined | null, f: Field<T>): T {
  return value === undefined || value === null ? f.default : value;
}
