// One row of a field table: a vim25 property path read for one managed-object type, the API release that
// introduced it, the model field it fills, how its value converts to the model's type, what an absent value
// means, and (when the evidence names a part of it) the deeper path rules cite. The fetch spec
// (property-specs.ts), the normalizer's reads, the trivial model fields (`decoded()`: copy, convert, default) and
// the rules' evidence paths (model.ts *_PATHS) all derive from the table, so a path is written once. A row's
// `model` is a path of the model type its table fills, checked by TypeScript (`ModelTable`, in model.ts).
import { get, prop } from '../values.js';

/** A converter from a decoded vim25 value to the model's type (values.ts): undefined when it does not decode. */
export type Decode<T> = (raw: unknown) => T | undefined;

export interface Field<
  D = unknown,
  S extends SubFields = SubFields,
  M extends string = string,
  C extends Decode<unknown> = Decode<unknown>,
> {
  path: string; // requested in the PropertySpec, as vCenter spells it
  since: string; // vim25 API version that introduced the path (newer paths are not requested)
  model?: M; // the model field it fills, dotted ("ft.state"); absent for cross-reference links
  as?: C; // its converter, when the model field is the value converted (decoded() fills it)
  evidence?: string; // path cited by findings when narrower than `path` ("snapshot.rootSnapshotList")
  default: D; // the value of an absent property (defaults.ts documents the vCenter semantics)
  sub?: S; // model fields read from inside one fetched object ("config.product" -> product.version, ...)
  alt?: string; // read when `path` is absent, never requested: the same object inside a whole `summary`
}

// Sub-field form: one fetched property (a data object) fills several model fields. `path` is relative to the
// row's path; the evidence path is the two joined. Sub-field keys share the table's key space (*_PATHS).
export interface SubField<D = unknown, M extends string = string, C extends Decode<unknown> = Decode<unknown>> {
  path: string;
  model?: M;
  as?: C;
  default: D;
}
type SubFields = Record<string, SubField>;
type NoSubFields = Record<string, never>;

interface SubExtra<D, M extends string, C extends Decode<unknown>> {
  model?: M;
  as?: C;
  default?: D;
}
interface Extra<D, M extends string, C extends Decode<unknown>> extends SubExtra<D, M, C> {
  evidence?: string;
}

export function field<D, S extends SubFields, M extends string = never, C extends Decode<unknown> = never>(
  since: string,
  path: string,
  extra: Extra<D, M, C> & { sub: S; alt?: string },
): Field<D, S, M, C> & { sub: S };
export function field<D = undefined, M extends string = never, C extends Decode<unknown> = never>(
  since: string,
  path: string,
  extra?: Extra<D, M, C>,
): Field<D, NoSubFields, M, C>;
export function field<D, S extends SubFields, M extends string, C extends Decode<unknown>>(
  since: string,
  path: string,
  extra: Extra<D, M, C> & { sub?: S; alt?: string } = {},
): Field<D, S, M, C> {
  return {
    path,
    since,
    ...(extra.model ? { model: extra.model } : {}),
    ...(extra.as ? { as: extra.as } : {}),
    ...(extra.evidence ? { evidence: extra.evidence } : {}),
    default: extra.default as D,
    ...(extra.sub ? { sub: extra.sub } : {}),
    ...(extra.alt ? { alt: extra.alt } : {}),
  };
}

export function sub<D = undefined, M extends string = never, C extends Decode<unknown> = never>(
  path: string,
  extra: SubExtra<D, M, C> = {},
): SubField<D, NoInfer<M>, NoInfer<C>> {
  return { path, ...(extra.model ? { model: extra.model } : {}), ...(extra.as ? { as: extra.as } : {}), default: extra.default as D };
}

// biome-ignore lint/suspicious/noExplicitAny: a table mixes rows of every default type
export type FieldTable = Record<string, Field<any, any>>;

// The dotted paths of a model type ("ft.state", "product.version"): object fields, not into arrays, 3 deep.
type ModelPath<T, Depth extends unknown[] = []> = Depth['length'] extends 3
  ? never
  : {
      [K in keyof T & string]:
        | K
        | (NonNullable<T[K]> extends readonly unknown[]
            ? never
            : NonNullable<T[K]> extends object
              ? `${K}.${ModelPath<NonNullable<T[K]>, [...Depth, unknown]>}`
              : never);
    }[keyof T & string];

/** A field table whose rows (and sub-fields) fill model type M: `TABLE satisfies ModelTable<Vm>`, so a `model`
 * that is not a path of M does not compile. */
// biome-ignore lint/suspicious/noExplicitAny: rows of every default and converter type
export type ModelTable<M> = Record<string, Field<any, Record<string, SubField<any, ModelPath<M>, any>>, ModelPath<M>, any>>;
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

/** A reader of the sub-fields inside one decoded object (`read(F.product)`), for decoded(). */
export function subReader(parent: unknown): (s: SubField) => unknown {
  return (s) => get(parent, s.path);
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

// decoded(): the model fields rows with a converter fill, keyed by the last part of their `model` path ("ft.state"
// -> state), in the order given. A row with a default always fills its field (orFieldDefault); one without fills
// it only when the value decodes, as `...(x !== undefined ? { x } : {})` would.
interface Decodable {
  model?: string;
  as?: Decode<unknown>;
  default: unknown;
}
type Leaf<M> = M extends `${string}.${infer R}` ? Leaf<R> : M;
type KeyOf<R extends Decodable> = Leaf<NonNullable<R['model']>>;
type ValueOf<R extends Decodable> = R['as'] extends ((raw: unknown) => infer V) | undefined
  ? undefined extends R['default']
    ? V
    : Exclude<V, undefined> | R['default']
  : never;
type Decoded<R extends Decodable> = {
  [X in R as undefined extends ValueOf<X> ? never : KeyOf<X>]: ValueOf<X>;
} & {
  [X in R as undefined extends ValueOf<X> ? KeyOf<X> : never]?: Exclude<ValueOf<X>, undefined>;
};

const KEYS = new Map<string, string>(); // model path -> its last part, the key decoded() writes
function keyOf({ model }: Decodable): string {
  if (!model) throw new Error('field table: decoded() reads a row with no model field');
  let key = KEYS.get(model);
  if (key === undefined) KEYS.set(model, (key = model.slice(model.lastIndexOf('.') + 1)));
  return key;
}

/** The trivial model fields of `rows`, read through `read` (a reader(), or a sub-field's parent). */
export function decoded<R extends readonly Decodable[]>(read: (row: NoInfer<R[number]>) => unknown, ...rows: R): Decoded<R[number]> {
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    const value = row.as!(read(row)) ?? row.default;
    if (value !== undefined) out[keyOf(row)] = value;
  }
  return out as Decoded<R[number]>;
}
