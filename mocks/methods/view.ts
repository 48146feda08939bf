// ViewManager.CreateContainerView, ViewManager.CreateListView and View.DestroyView. A view belongs to its session
// and dies with it. A ContainerView's contents are fixed at creation and hold only what the user may see
// (System.View). A ListView holds the objects it was given, in their order (vim25 CreateListView returns the
// ListView's moref; govmomi's simulator, view_manager.go, faults ManagedObjectNotFound for an object that does
// not exist at creation, as here); one deleted later is left out when the view is read (the property
// collector's traversal skips a ref that no longer resolves).
import { randomUUID } from 'node:crypto';
import { moref, type MoRefValue } from '../estate.js';
import { isA, methodReturnType } from '../schema.js';
import { serializeEnvelope, serializeResponse } from '../serializer.js';
import {
  arr,
  bool,
  type MethodHandler,
  type MockContext,
  moRefOf,
  objectNotFound,
  requireThis,
  ROOT,
  type Session,
  SoapFault,
  text,
} from './context.js';
import { privilegesOn } from './privileges.js';

function viewContents(ctx: MockContext, s: Session, container: string, types: string[], recursive: boolean): MoRefValue[] {
  const out: MoRefValue[] = [];
  const seen = new Set<string>([container]);
  const walk = (moid: string) => {
    for (const c of ctx.children.get(moid) ?? []) {
      if (seen.has(c) || ctx.control.deleted.has(c)) continue;
      seen.add(c);
      const o = ctx.byMoid.get(c)!;
      if ((types.length === 0 || types.some((t) => isA(o.type, t))) && privilegesOn(ctx, s.user, c).has('System.View'))
        out.push(moref(o.type, o.moid));
      if (recursive) walk(c);
    }
  };
  walk(container);
  return out;
}

const createContainerView: MethodHandler = (ctx, { method, args, self, session: s }) => {
  requireThis(self, 'ViewManager', 'ViewManager');
  const container = moRefOf(args.container);
  if (!container || !(container.value === ROOT || ctx.byMoid.get(container.value)?.type === container.type))
    throw new SoapFault('ManagedObjectNotFound', { obj: container }, 'The container does not exist');
  const types = arr(args.type).map((t) => text(t) ?? '');
  const recursive = bool(args.recursive) ?? false;
  const moid = `session[${s.key}]${randomUUID()}`;
  s.views.set(moid, {
    kind: 'ContainerView',
    moid,
    container,
    type: types,
    recursive,
    view: viewContents(ctx, s, container.value, types, recursive),
  });
  return serializeResponse(method, moref('ContainerView', moid), methodReturnType(method));
};

const createListView: MethodHandler = (ctx, { method, args, self, session: s }) => {
  requireThis(self, 'ViewManager', 'ViewManager');
  const view: MoRefValue[] = [];
  for (const x of arr(args.obj)) {
    const ref = moRefOf(x);
    if (!ref || !ctx.lookup(ref, s)) throw objectNotFound(ref);
    view.push(moref(ref.type, ref.value));
  }
  const moid = `session[${s.key}]${randomUUID()}`;
  s.views.set(moid, { kind: 'ListView', moid, view });
  return serializeResponse(method, moref('ListView', moid), methodReturnType(method));
};

const destroyView: MethodHandler = (_ctx, { method, self, session }) => {
  if (!self || !session.views.delete(self.value)) throw new SoapFault('ManagedObjectNotFound', { obj: self }, 'The view does not exist');
  return serializeEnvelope(method, '');
};

export const viewMethods: Record<string, MethodHandler> = {
  CreateContainerView: createContainerView,
  CreateListView: createListView,
  DestroyView: destroyView,
};
