// Preloaded into the CLI under benchmark (`node --import ./bench/rss.mjs bin/ftscan.js ...`): on exit, writes
// the process's peak RSS (MB) and CPU seconds (user + system) as JSON to $FTSCAN_BENCH_RSS_FILE, so the whole
// scan is measured as users run it.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.FTSCAN_BENCH_RSS_FILE;
  if (!file) return;
  const ru = process.resourceUsage();
  writeFileSync(file, JSON.stringify({ maxRssMB: ru.maxRSS / 1024, cpuSeconds: (ru.userCPUTime + ru.systemCPUTime) / 1e6 }));
});
