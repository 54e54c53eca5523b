// Browser benchmark (not a test): open dist/tusj.html from disk, time how long until the
// annotator is ready, then 100 annotations of seed 000 through the page's own core interface
// (worker round trip included), one paste → highlighted render of the same seed, and a 1 MB
// paste. Prints milliseconds, the in-page ratio of annotating to a one-pass scan of the same
// text, and the wasm/native ratio against the native figure `cargo bench --bench tagging`
// left in target/bench-native.json (make bench runs both).
import { readFileSync } from 'node:fs';
import { launch, open, paste, rendered, seed, SEEDS } from './helpers.mjs';

const browser = await launch();
try {
  const { page } = await open(browser);
  const ready = await page.evaluate(() => performance.now());
  console.log(`browser page ready (wasm compiled, worker started): ${ready.toFixed(0)} ms after navigation start`);
  const text = seed(SEEDS[0]);
  const times = await page.evaluate(async (t) => {
    const out = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      await core.call('annotate', t);
      out.push(performance.now() - t0);
    }
    return out;
  }, text);
  times.sort((a, b) => a - b);
  const median = (times[49] + times[50]) / 2;
  console.log(`browser annotate ${SEEDS[0]} (${text.length} chars): median ${median.toFixed(2)} ms, ` +
    `min ${times[0].toFixed(2)} ms, max ${times[99].toFixed(2)} ms over 100 runs`);
  // The floor in the page: one pass over the text counting where words start (as natively).
  const [scanMs] = await page.evaluate((t) => {
    const out = [];
    let sink = 0;
    for (let r = 0; r < 101; r++) {
      const t0 = performance.now();
      for (let k = 0; k < 100; k++) {
        let n = 0;
        let space = true;
        for (let i = 0; i < t.length; i++) {
          const c = t.charCodeAt(i);
          const s = c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
          if (space && !s) n++;
          space = s;
        }
        sink += n;
      }
      out.push((performance.now() - t0) / 100);
    }
    out.sort((a, b) => a - b);
    return [out[50], sink]; // the count is returned so the loop cannot be dropped
  }, text);
  console.log(`browser one-pass scan of it: ${scanMs.toFixed(4)} ms; annotate/scan = ${(median / scanMs).toFixed(0)}×`);
  try {
    const native = JSON.parse(readFileSync(new URL('../../target/bench-native.json', import.meta.url), 'utf8'));
    console.log(`wasm/native (seed 000, worker round trip included): ${(median / native.seed000_annotate_ms).toFixed(2)}× ` +
      `(native ${native.seed000_annotate_ms.toFixed(3)} ms)`);
  } catch {
    console.log('wasm/native: no native figure (run cargo bench --bench tagging first; make bench does)');
  }
  await page.focus('#source');
  const t0 = Date.now();
  await rendered(page, () => paste(page, text));
  console.log(`browser paste → rendered highlights: ${Date.now() - t0} ms (one run, includes Ctrl+V)`);

  const one = `${seed(SEEDS[0])}\n\n${seed(SEEDS[1])}\n\n`;
  const big = one.repeat(Math.ceil(1_000_000 / one.length));
  await page.click('#new');
  await page.focus('#source');
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  const t1 = Date.now();
  await rendered(page, () => paste(page, big), 600000);
  const tasks = await page.evaluate(() => window.__longTasks);
  console.log(`browser 1 MB paste (${big.length} chars) → rendered highlights: ${Date.now() - t1} ms; ` +
    `longest task on the page thread ${Math.round(Math.max(0, ...tasks))} ms`);
} finally {
  await browser.close();
}
