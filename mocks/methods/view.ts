// ViewManager.CreateContainerView and View.DestroyView. A view belongs to its session and dies with it; its
// contents are fixed at creation and hold only what the user may see (System.View).
import { randomUUID } from 'node:crypto';
import { moref, type MoRefValue } from '../estate.js';
import { isA, methodReturnType } from '../schema.js';
import { serializeEnvelope, serializeResponse } from '../serializer.js';
import { arr, bool, type MethodHandler, type MockContext, moRefOf, requireThis, ROOT, type Session, SoapFault, text } from './context.js';
import { privilegesOn } from './privileges.js';

function viewContents(ctx: MockContext, s: Session, container: string, types: string[], recursive: boolean): MoRefValue[] {
  const out: MoRefValue[] = [];
  const seen = new Set<string>([container]);
  const walk = (moid: string) => {
    for (const c of ctx.children.get(moid) ?? []) {
      if (seen.has(c)) continue;
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
  s.views.set(moid, { moid, container, type: types, recursive, view: viewContents(ctx, s, container.value, types, recursive) });
  return serializeResponse(method, moref('ContainerView', moid), methodReturnType(method));
};

const destroyView: MethodHandler = (_ctx, { method, self, session }) => {
  if (!self || !session.views.delete(self.value)) throw new SoapFault('ManagedObjectNotFound', { obj: self }, 'The view does not exist');
  return serializeEnvelope(method, '');
};

export const viewMethods: Record<string, MethodHandler> = { CreateContainerView: createContainerView, DestroyView: destroyView };
