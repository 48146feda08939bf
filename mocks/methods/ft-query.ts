// VirtualMachine.QueryFaultToleranceCompatibility(Ex) (synthetic: no real capture; shapes from the vim25
// schema). Answers the estate's ftCompat issues for the VM, empty when it has none.
import { methodReturnType } from '../schema.js';
import { serializeResponse } from '../serializer.js';
import { type MethodHandler, noPermission, SoapFault } from './context.js';
import { privilegesOn } from './privileges.js';

// The vim25 reference names this privilege for both query methods.
const PRIVILEGE = 'VirtualMachine.Config.QueryFTCompatibility';

const queryFtCompatibility: MethodHandler = (ctx, { method, self, session }) => {
  const vm = self && ctx.byMoid.get(self.value);
  if (vm?.type !== 'VirtualMachine')
    throw new SoapFault('ManagedObjectNotFound', { obj: self }, 'The object has already been deleted or has not been completely created');
  if (!privilegesOn(ctx, session.user, vm.moid).has(PRIVILEGE)) throw noPermission(self, PRIVILEGE);
  return serializeResponse(method, ctx.estate.ftCompat?.[vm.moid] ?? [], methodReturnType(method));
};

export const ftQueryMethods: Record<string, MethodHandler> = {
  QueryFaultToleranceCompatibility: queryFtCompatibility,
  QueryFaultToleranceCompatibilityEx: queryFtCompatibility,
};
