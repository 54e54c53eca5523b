// Browser benchmark (not a test): open dist/tusj.html from disk and time 100 annotations of
// seed 000 through the page's own core interface (worker round trip included), then one
// paste → highlighted render of the same seed. Prints milliseconds.
import { launch, open, paste, rendered, seed, SEEDS } from './helpers.mjs';

const browser = await launch();
try {
  const { page } = await open(browser);
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
  await page.focus('#source');
  const t0 = Date.now();
  await rendered(page, () => paste(page, text));
  console.log(`browser paste → rendered highlights: ${Date.now() - t0} ms (one run, includes Ctrl+V)`);
} finally {
  await browser.close();
}
