// PropertyCollector.RetrievePropertiesEx / ContinueRetrievePropertiesEx / CancelRetrievePropertiesEx.
// Real vCenter behaviour: an unknown property path fails the whole call with InvalidProperty; propSet comes back
// sorted by path; unset properties are absent; unreadable ones come back in missingSet (NoPermission).
// Paging tokens (synthetic: no real capture) belong to the session.
import { randomBytes } from 'node:crypto';
import { isMoRef, type MockObject, moref } from '../estate.js';
import { type FieldType, isA, isManagedType, pathType } from '../schema.js';
import { escapeXml, serializeEnvelope, serializeTypedValue, serializeValue } from '../serializer.js';
import {
  arr,
  bool,
  invalidArgument,
  type MethodHandler,
  type MockContext,
  moRefOf,
  objectNotFound,
  type PageState,
  requireThis,
  type Session,
  SoapFault,
  text,
  type X,
} from './context.js';
import { privilegesOn } from './privileges.js';

function selectObjects(ctx: MockContext, s: Session, specSet: X[]): Pick<PageState, 'objects' | 'propSets'> {
  const propSets: PageState['propSets'] = [];
  const objects: MockObject[] = [];
  const seen = new Set<string>();
  for (const spec of specSet) {
    for (const ps of arr<X>(spec.propSet)) {
      const type = text(ps.type) ?? '';
      const paths = arr(ps.pathSet).map((p) => text(p) ?? '');
      if (!isManagedType(type)) throw new SoapFault('InvalidType', { argument: type }, `Invalid type: ${type}`);
      for (const p of paths) if (!pathType(type, p)) throw new SoapFault('InvalidProperty', { name: p }, '');
      propSets.push({ type, all: bool(ps.all) ?? false, paths });
    }
    const named = new Map<string, X>();
    const collectNames = (sel: X[]) => {
      for (const t of sel) {
        const name = text(t.name);
        if (name && t.path !== undefined && !named.has(name)) {
          named.set(name, t);
          collectNames(arr<X>(t.selectSet));
        } else if (t.path !== undefined) collectNames(arr<X>(t.selectSet));
      }
    };
    for (const os of arr<X>(spec.objectSet)) collectNames(arr<X>(os.selectSet));
    const include = (o: MockObject) => {
      const k = `${o.type}:${o.moid}`;
      if (!seen.has(k)) {
        seen.add(k);
        objects.push(o);
      }
    };
    const visited = new Set<string>();
    const traverse = (o: MockObject, sel: X[]) => {
      for (const raw of sel) {
        const t = raw.path === undefined ? named.get(text(raw.name) ?? '') : raw;
        if (!t) continue;
        const key = `${o.moid}|${text(t.name) ?? text(t.path)}|${text(t.type)}`;
        if (visited.has(key)) continue;
        visited.add(key);
        if (!isA(o.type, text(t.type) ?? '')) continue;
        const targets = arr(o.props[text(t.path) ?? '']).filter(isMoRef);
        for (const ref of targets) {
          const target = ctx.lookup(ref, s);
          if (!target) continue;
          if (!bool(t.skip)) include(target);
          traverse(target, arr<X>(t.selectSet));
        }
      }
    };
    for (const os of arr<X>(spec.objectSet)) {
      const ref = moRefOf(os.obj);
      const o = ref && ctx.lookup(ref, s);
      if (!o) throw objectNotFound(ref);
      if (!bool(os.skip)) include(o);
      traverse(o, arr<X>(os.selectSet));
    }
  }
  return { objects, propSets };
}

function valueAt(o: MockObject, path: string, st: FieldType): unknown {
  const segs = path.split('.');
  let parent: unknown = o.props;
  for (let i = 0; i < segs.length - 1; i++) {
    parent = parent && typeof parent === 'object' ? (parent as X)[segs[i]!] : undefined;
    if (parent === undefined) return undefined;
  }
  const v = parent && typeof parent === 'object' ? (parent as X)[segs[segs.length - 1]!] : undefined;
  // Arrays are never "unset" on the server: a set parent with no items answers an empty ArrayOfX.
  return v === undefined && st.array && parent !== undefined ? [] : v;
}

function objectContent(ctx: MockContext, s: Session, o: MockObject, propSets: PageState['propSets'], out: string[]): boolean {
  const matching = propSets.filter((ps) => isA(o.type, ps.type));
  if (!matching.length) return false;
  const paths = new Set<string>();
  for (const ps of matching) {
    for (const p of ps.paths) paths.add(p);
    if (ps.all) for (const k of Object.keys(o.props)) if (pathType(o.type, k)) paths.add(k);
  }
  const sorted = [...paths].sort();
  const canRead =
    o.type === ('ContainerView' as never) || ctx.isServiceObject(o.moid) || privilegesOn(ctx, s.user, o.moid).has('System.Read');
  out.push(`<objects><obj type="${escapeXml(o.type)}">${escapeXml(o.moid)}</obj>`);
  const missing: { path: string; privilegeId: string }[] = [];
  for (const path of sorted) {
    const rule = ctx.control.noPermissions.find(
      (r) =>
        r.moid === o.moid && (r.path === undefined || path === r.path || path.startsWith(r.path + '.') || r.path.startsWith(path + '.')),
    );
    if (!canRead || rule) {
      missing.push({ path, privilegeId: rule?.privilegeId ?? 'System.Read' });
      continue;
    }
    const st = pathType(o.type, path)!;
    const v = valueAt(o, path, st);
    if (v === undefined) continue;
    out.push(`<propSet><name>${escapeXml(path)}</name>`);
    serializeTypedValue('val', v, st, out);
    out.push('</propSet>');
  }
  for (const m of missing) {
    out.push(`<missingSet><path>${escapeXml(m.path)}</path>`);
    serializeValue(
      'fault',
      {
        _type: 'LocalizedMethodFault',
        fault: { _type: 'NoPermission', object: moref(o.type, o.moid), privilegeId: m.privilegeId },
        localizedMessage: '',
      },
      { type: 'LocalizedMethodFault', array: false },
      out,
    );
    out.push('</missingSet>');
  }
  out.push('</objects>');
  return true;
}

function page(ctx: MockContext, s: Session, state: PageState): string {
  const out: string[] = [];
  let n = 0;
  let i = 0;
  for (; i < state.objects.length && n < state.max; i++) if (objectContent(ctx, s, state.objects[i]!, state.propSets, out)) n++;
  const rest = state.objects.slice(i);
  // Skip trailing objects no propSet matches, so the last page carries no token.
  while (rest.length && !state.propSets.some((ps) => isA(rest[0]!.type, ps.type))) rest.shift();
  if (rest.length) {
    const token = String(s.tokens.size + 1) + '-' + randomBytes(6).toString('hex');
    s.tokens.set(token, { ...state, objects: rest });
    out.push(`<token>${token}</token>`);
  }
  return out.length ? `<returnval>${out.join('')}</returnval>` : '';
}

const retrievePropertiesEx: MethodHandler = (ctx, { method, args, self, session: s }) => {
  requireThis(self, 'PropertyCollector', 'propertyCollector');
  const { objects, propSets } = selectObjects(ctx, s, arr<X>(args.specSet));
  const maxText = text((args.options as X | undefined)?.maxObjects);
  const max = maxText ? Math.max(1, Number(maxText)) : ctx.pageSize;
  return serializeEnvelope(method, page(ctx, s, { objects, propSets, max }));
};

const continueRetrievePropertiesEx: MethodHandler = (ctx, { method, args, self, session: s }) => {
  requireThis(self, 'PropertyCollector', 'propertyCollector');
  const token = text(args.token) ?? '';
  const state = s.tokens.get(token);
  if (!state) throw invalidArgument('token');
  s.tokens.delete(token);
  return serializeEnvelope(method, page(ctx, s, state));
};

const cancelRetrievePropertiesEx: MethodHandler = (_ctx, { method, args, self, session: s }) => {
  requireThis(self, 'PropertyCollector', 'propertyCollector');
  if (!s.tokens.delete(text(args.token) ?? '')) throw invalidArgument('token');
  return serializeEnvelope(method, '');
};

export const propertyCollectorMethods: Record<string, MethodHandler> = {
  RetrievePropertiesEx: retrievePropertiesEx,
  ContinueRetrievePropertiesEx: continueRetrievePropertiesEx,
  CancelRetrievePropertiesEx: cancelRetrievePropertiesEx,
};
