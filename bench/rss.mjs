// Preloaded into the CLI under benchmark (`node --import ./bench/rss.mjs bin/ftscan.js ...`): on exit, writes
// the process's peak RSS (MB) to $FTSCAN_BENCH_RSS_FILE, so the whole scan is measured as users run it.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.FTSCAN_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS / 1024));
});
