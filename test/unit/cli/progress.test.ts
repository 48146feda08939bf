import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/cli/progress.js';

function sink(isTTY: boolean): Writable & { isTTY: boolean; text: string } {
  const w = new Writable({
    write(chunk, _enc, done) {
      w.text += chunk.toString();
      done();
    },
  }) as Writable & { isTTY: boolean; text: string; columns: number };
  w.isTTY = isTTY;
  w.text = '';
  w.columns = 120;
  return w;
}

describe('progress', () => {
  it('shows objects and pages per vCenter on a terminal', async () => {
    const err = sink(true);
    const p = createProgress(err);
    p.update({ server: 'vc1.example.com', phase: 'collect', objects: 1200, pages: 2 });
    const line = /vc1\.example\.com collect \| 1200 objects \| 2 pages \| \d+s/;
    // the bar redraws on its own timer: wait for the first frame
    for (let i = 0; i < 100 && !line.test(err.text); i++) await new Promise((r) => setTimeout(r, 50));
    p.stop();
    expect(err.text).toMatch(line);
  });

  it('is silent when stderr is not a terminal (cron)', async () => {
    const err = sink(false);
    const p = createProgress(err);
    p.update({ server: 'vc1', phase: 'collect', objects: 5, pages: 1 });
    p.stop();
    expect(err.text).toBe('');
  });
});
