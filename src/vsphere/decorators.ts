// The decorators around the SOAP round trip (round-trip.ts), each one concern. The client stacks them as
//   relogin -> allowlist -> keepAlive -> retry -> accounting -> base (one HTTP exchange)
// Bulk collection (collect.ts) uses the stack below relogin: views and tokens die with the session, so it
// logs in again itself and restarts the whole collection.
import type { Logger } from 'pino';
import type { CallStats, Decorator, SoapRequest } from './api.js';
import { isFault, type TransportError, VimFault } from './errors.js';
import { SERVICE_INSTANCE } from './methods.js';
import { assertAllowed, isTransient, pauseBeforeRetry } from './transport.js';

// Nothing off ALLOWED_METHODS goes further (SoapTransport.post checks again before a byte leaves).
export const allowlist: Decorator = (next) => async (req) => {
  assertAllowed(req.method);
  return next(req);
};

// Every request sent, retries included, by method; a call already cancelled sends nothing and is not counted.
export function accounting(calls: CallStats): Decorator {
  return (next) => (req) => {
    if (!req.signal?.aborted) {
      calls.total++;
      calls.byMethod[req.method] = (calls.byMethod[req.method] ?? 0) + 1;
    }
    return next(req);
  };
}

// Never retried: Login (a lockout counter must not see repeats), Logout, and the paging calls whose
// token is spent by the first attempt (the collection restarts instead).
const NOT_RETRIED = new Set(['Login', 'Logout', 'ContinueRetrievePropertiesEx', 'CancelRetrievePropertiesEx']);

// Idempotent reads are repeated after a transient failure (connection refused/reset, HTTP 502/503/504).
export function retry(cfg: { retries: number; retryBaseMs: number; logger: Logger }): Decorator {
  return (next) => async (req) => {
    const attempts = NOT_RETRIED.has(req.method) ? 1 : cfg.retries + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(req);
      } catch (err) {
        if (attempt >= attempts || !isTransient(err)) throw err;
        const e = err as TransportError;
        const why = e.kind === 'http' && e.status !== undefined ? `HTTP ${e.status}` : e.message;
        await pauseBeforeRetry(cfg, req.method, attempt, why, req.signal);
      }
    }
  };
}

// Keeps the session from idling out while a call is in flight (a long collection above all): every
// `intervalMs` without a new call, a CurrentTime, which every user may call (SessionIsActive needs
// Sessions.ValidateSession, which read-only users lack). The timer runs only while calls are in flight.
export function keepAlive(intervalMs: number, ready: () => boolean, log: Logger): Decorator {
  return (next) => {
    let inFlight = 0;
    let probing = false;
    let timer: NodeJS.Timeout | undefined;
    const probe = (): void => {
      if (probing || !ready()) return;
      probing = true;
      next({ method: 'CurrentTime', self: SERVICE_INSTANCE, args: [] })
        .catch((err: unknown) => log.debug({ err: (err as Error)?.message }, 'keep-alive CurrentTime failed'))
        .finally(() => (probing = false));
    };
    return async (req) => {
      if (inFlight++ === 0) {
        timer = setInterval(probe, intervalMs);
        timer.unref();
      }
      try {
        return await next(req);
      } finally {
        if (--inFlight === 0) clearInterval(timer);
      }
    };
  };
}

export interface Session {
  readonly generation: number; // bumped by every re-login
  readonly loggedIn: boolean;
  relogin(failedGeneration: number): Promise<void>; // one Login shared by every caller that saw the session die
}

// RetrievePropertiesEx after a session died answers HTTP 200 with NotAuthenticated in every missingSet:
// that is an authentication failure, not data.
function checkAuthenticated(req: SoapRequest, value: unknown): unknown {
  if (!req.page && (req.method === 'RetrievePropertiesEx' || req.method === 'ContinueRetrievePropertiesEx')) {
    const objects = (value as { objects?: { missingSet?: { fault?: { fault?: { _type?: string } } }[] }[] })?.objects;
    for (const o of objects ?? []) {
      if (o.missingSet?.some((m) => m.fault?.fault?._type === 'NotAuthenticated')) {
        throw new VimFault('NotAuthenticated', 'the session is not authenticated', {}, req.method);
      }
    }
  }
  return value;
}

// NotAuthenticated (the session expired): log in again once and repeat the call once.
export function relogin(session: Session): Decorator {
  return (next) => async (req) => {
    const gen = session.generation;
    try {
      return checkAuthenticated(req, await next(req));
    } catch (err) {
      if (!isFault(err, 'NotAuthenticated') || !session.loggedIn || req.method === 'Login' || req.method === 'Logout') throw err;
      await session.relogin(gen);
      return checkAuthenticated(req, await next(req));
    }
  };
}
