// Collection progress on stderr, only when stderr is a terminal: cron and CI logs stay clean.
import cliProgress from 'cli-progress';
import type { Writable } from 'node:stream';
import type { ScanProgress } from '../app/index.js';

export interface Progress {
  update(p: ScanProgress): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

export function createProgress(stderr: Writable & { isTTY?: boolean }): Progress {
  if (!stderr.isTTY) return SILENT;
  const multi = new cliProgress.MultiBar(
    {
      stream: stderr as NodeJS.WritableStream,
      format: '{server} {phase} | {objects} objects | {pages} pages | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(p) {
      let bar = bars.get(p.server);
      if (!bar) bars.set(p.server, (bar = multi.create(0, 0, { server: p.server })));
      bar.update(p.objects, { server: p.server, phase: p.phase, objects: p.objects, pages: p.pages });
    },
    stop() {
      multi.stop();
    },
  };
}
