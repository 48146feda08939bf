// The one handler of SIGHUP, SIGINT and SIGTERM. Whatever must be undone before the process stops registers a
// clean-up while it holds the resource: a vCenter session (vsphere/client.ts: cancel the calls in flight, then
// Logout), a REST session (vsphere/rest.ts: DELETE), a temporary report file (report/write.ts). On a signal every
// clean-up runs at once, each bounding its own wait (a Logout after a cancellation has 5 s), then:
// - under the CLI (`armSignals`, src/cli/main.ts) the run ends by the signal's convention, 128 + its number
//   (129 SIGHUP, 130 SIGINT, 143 SIGTERM; rows of the exit-code table);
// - otherwise (a library caller) the signal is re-raised when no other listener handles it, so the process still
//   dies by it.
// A second signal while the clean-ups run stops waiting for them.

const STOP_SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

// 128 + the signal number, as a shell reports a process that a signal ended.
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const satisfies Record<StopSignal, number>;

// A clean-up that never settles cannot hold the run: after this the signal's ending goes ahead.
const CLEANUP_BOUND_MS = 10_000;

type Cleanup = (sig: StopSignal) => void | Promise<void>;

const cleanups = new Set<Cleanup>();
let armed: ((sig: StopSignal) => void) | undefined;
let received: StopSignal | undefined;
let installed = false;

function sync(): void {
  const want = cleanups.size > 0 || armed !== undefined;
  if (want === installed) return;
  for (const s of STOP_SIGNALS) {
    if (want) process.on(s, onSignal);
    else process.removeListener(s, onSignal);
  }
  installed = want;
}

/** Registers a clean-up for a stop signal; returns its removal (call it once the resource is released). */
export function onStopSignal(fn: Cleanup): () => void {
  cleanups.add(fn);
  sync();
  return () => {
    cleanups.delete(fn);
    sync();
  };
}

/** The stop signal being handled, if any (a run that sees one writes no report and sends nothing). */
export function stopSignalReceived(): StopSignal | undefined {
  return received;
}

function onSignal(sig: NodeJS.Signals): void {
  const s = sig as StopSignal;
  if (received) {
    finish(s); // a second signal: stop waiting
    return;
  }
  received = s;
  const running = [...cleanups].map((fn) =>
    Promise.resolve()
      .then(() => fn(s))
      .catch(() => undefined),
  );
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((done) => {
    timer = setTimeout(done, CLEANUP_BOUND_MS);
  });
  void Promise.race([Promise.all(running), bound]).then(() => {
    clearTimeout(timer);
    finish(s);
  });
}

function finish(sig: StopSignal): void {
  if (armed) {
    armed(sig);
    return;
  }
  received = undefined;
  // Nobody else handles it: end as the signal's default action would.
  if (process.listenerCount(sig) <= (installed ? 1 : 0)) {
    for (const s of STOP_SIGNALS) process.removeListener(s, onSignal);
    installed = false;
    process.kill(process.pid, sig);
  }
}

export interface SignalStop {
  /** Settles with the signal once its clean-ups have run (never, when no signal comes). */
  readonly stopped: Promise<StopSignal>;
  /** The signal received so far, if any. */
  readonly received: () => StopSignal | undefined;
  disarm(): void;
}

/** The CLI's mode: a stop signal ends the run with its exit code instead of killing the process. */
export function armSignals(): SignalStop {
  let resolve!: (sig: StopSignal) => void;
  const stopped = new Promise<StopSignal>((r) => {
    resolve = r;
  });
  armed = (sig) => resolve(sig);
  received = undefined;
  sync();
  return {
    stopped,
    received: () => received,
    disarm: () => {
      armed = undefined;
      received = undefined;
      sync();
    },
  };
}
