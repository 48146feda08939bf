// The SOAP methods the mock vCenter answers inside a session, one family per file (as govmomi's simulator has
// one file per managed object). vcenter.ts looks a call up here; a method not in the table is a fault.
import { isKnownMethod } from '../schema.js';
import { type MethodHandler, SoapFault } from './context.js';
import { ftQueryMethods } from './ft-query.js';
import { licenceMethods } from './licences.js';
import { privilegeMethods } from './privileges.js';
import { propertyCollectorMethods } from './property-collector.js';
import { sessionMethods } from './session.js';
import { viewMethods } from './view.js';

const METHODS: ReadonlyMap<string, MethodHandler> = new Map(
  Object.entries({
    ...sessionMethods,
    ...viewMethods,
    ...propertyCollectorMethods,
    ...privilegeMethods,
    ...ftQueryMethods,
    ...licenceMethods,
  }),
);

// The handler of `method`, or the fault vCenter answers: InvalidRequest for a name vim25 does not have,
// MethodNotFound for a real method the mock does not implement.
export const dispatch: MethodHandler = (ctx, call) => {
  const handler = METHODS.get(call.method);
  if (handler) return handler(ctx, call);
  if (!isKnownMethod(call.method))
    throw new SoapFault(
      'InvalidRequest',
      {},
      `Unable to resolve WSDL method name ${call.method} for namespace name urn:vim25\n\nwhile parsing SOAP body`,
    );
  throw new SoapFault(
    'MethodNotFound',
    { receiver: call.self, method: call.method },
    `The method "${call.method}" is not supported by the mock vCenter.`,
  );
};
