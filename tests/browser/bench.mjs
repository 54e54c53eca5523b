// Browser benchmark (not a test): open the page from disk and time what a person waits for.
//
//   node tests/browser/bench.mjs [page.html …]     (default: dist/tusj.html)
//
// Several pages (e.g. main's build and this one) are measured one after the other in the same
// run, so that before/after compare on the same loaded machine. For each page:
// - ready: navigation start → html[data-ready] (wasm compiled, worker started), and → the model
//   and place table decoded (html[data-warm], where the page has it); median and range of 7 opens;
// - seed 000: 100 annotations through the page's own core interface (worker round trip
//   included), a one-pass scan of the same text in the page (the floor), the wasm/native ratio
//   against `target/bench-native.json` (`cargo bench --bench tagging`; make bench runs both),
//   and paste → highlights drawn (the paste event → the view's new rendering is in the page, and → the
//   frame after it, which the browser has laid out and painted), median of 15;
// - a 1 MB paste → highlights drawn, with the longest task on the page's thread;
// - typing in a 10 MB article: 60 keys in bursts of 10 (150 ms apart, 1.5 s pause between
//   bursts, so annotation runs while typing goes on): keydown → the frame after the character
//   went in (median, max), and the longest task on the page's thread meanwhile. The article's
//   size is TUSJ_BENCH_TYPING_MB (default 10; TUSJ_BENCH_QUICK=1 makes it 1 unless set).
// All in-page times come from performance.now() inside the page (no driver round trips).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, paste, seed, seedsRepeated, SEEDS, PAGE } from './helpers.mjs';

const pages = process.argv.slice(2).length ? process.argv.slice(2).map((p) => resolve(p)) : [PAGE];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const range = (xs) => `median ${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))}, n=${xs.length})`;

// Installed before the page's own scripts: when the page became ready and warm, when each
// rendering of the view happened, every long task, and typing latency.
function instrument() {
  window.__bench = { renders: [], shown: [], longTasks: [], keys: [] };
  const b = window.__bench;
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (r.attributeName === 'data-ready' && !b.ready) b.ready = now;
      if (r.attributeName === 'data-warm' && !b.warm) b.warm = now;
      // Drawn: the frame after the view's rendering is in (the browser has laid it out).
      if (r.attributeName === 'data-rendered' && r.target.id === 'view') {
        const i = b.renders.push(now) - 1;
        b.shown[i] = 0;
        requestAnimationFrame(() => setTimeout(() => (b.shown[i] = performance.now()), 0));
      }
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready', 'data-warm', 'data-rendered'] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('paste', (e) => (b.pasteAt = e.timeStamp), true);
  let keyAt = 0;
  document.addEventListener('keydown', (e) => (keyAt = e.timeStamp), true);
  document.addEventListener(
    'input',
    () => {
      const at = keyAt;
      if (!at) return;
      keyAt = 0;
      requestAnimationFrame(() => setTimeout(() => b.keys.push(performance.now() - at), 0));
    },
    true,
  );
}

async function openPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
  return { context, page };
}

const renders = (page) => page.evaluate(() => window.__bench.renders.length);
async function pasteTimed(page, text, timeout = 600000) {
  const before = await renders(page);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
  await page.waitForFunction((n) => window.__bench.shown[n] > 0, before, { timeout, polling: 50 });
  // [→ the highlights are in the page, → the frame after that]
  return page.evaluate((n) => [window.__bench.renders[n], window.__bench.shown[n]].map((t) => t - window.__bench.pasteAt), before);
}
// «New article», waiting until the emptied view is drawn, so that its drawing is not taken
// for the next paste's.
async function newArticle(page) {
  const before = await renders(page);
  await page.click('#new');
  await page.waitForFunction((n) => window.__bench.renders.length > n, before, { polling: 50 });
  await page.focus('#source');
}
// The longest task since `from`, as text: Chromium reports only tasks over 50 ms.
const longest = async (page, from) => {
  const most = await page.evaluate((f) => Math.max(0, ...window.__bench.longTasks.filter((t) => t.at >= f).map((t) => t.ms)), from);
  return most > 0 ? ms(most) : 'none over 50 ms';
};

let native = null;
try {
  native = JSON.parse(readFileSync(new URL('../../target/bench-native.json', import.meta.url), 'utf8'));
} catch {
  console.log('wasm/native: no native figure (run cargo bench --bench tagging first; make bench does)');
}

const browser = await launch();
try {
  for (const file of pages) {
    const url = pathToFileURL(file).href;
    const size = readFileSync(file).length;
    console.log(`\n== ${file} (${(size / 1e6).toFixed(2)} MB)`);

    // Ready: fresh contexts, one after another.
    const ready = [];
    const warm = [];
    for (let i = 0; i < 7; i++) {
      const { context, page } = await openPage(browser, url);
      await page.waitForTimeout(1500);
      const b = await page.evaluate(() => window.__bench);
      ready.push(b.ready);
      if (b.warm) warm.push(b.warm);
      await context.close();
    }
    console.log(`page ready (wasm compiled, worker started): ${range(ready)} after navigation start`);
    if (warm.length) console.log(`model and place table decoded (warm): ${range(warm)} after navigation start`);

    const { context, page } = await openPage(browser, url);
    const text = seed(SEEDS[0]);
    const times = await page.evaluate(async (t) => {
      await core.call('annotate', t); // the first one decodes the model where the page does not warm
      const out = [];
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        await core.call('annotate', t);
        out.push(performance.now() - t0);
      }
      return out;
    }, text);
    const annotateMs = median(times);
    console.log(`annotate ${SEEDS[0]} (${text.length} chars) through the worker: ${range(times)}`);
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
    console.log(`one-pass scan of it in the page: ${scanMs.toFixed(4)} ms; annotate/scan = ${(annotateMs / scanMs).toFixed(0)}×`);
    if (native) {
      console.log(`wasm/native (seed 000, worker round trip included): ${(annotateMs / native.seed000_annotate_ms).toFixed(2)}× ` +
        `(native ${native.seed000_annotate_ms.toFixed(3)} ms)`);
    }
    const pastes = [];
    for (let i = 0; i < 15; i++) {
      await newArticle(page);
      pastes.push(await pasteTimed(page, text));
    }
    console.log(`seed 000 paste → highlights in the page: ${range(pastes.map((p) => p[0]))}; → the frame after: ` +
      `${range(pastes.map((p) => p[1]))}`);

    const big = seedsRepeated(1_000_000);
    await newArticle(page);
    let from = await page.evaluate(() => performance.now());
    const [bigMs, bigShown] = await pasteTimed(page, big);
    console.log(`1 MB paste (${big.length} chars) → highlights in the page: ${ms(bigMs)}, the frame after ${ms(bigShown)}; ` +
      `longest task on the page's thread ` +
      `${await longest(page, from)}`);

    const mb = Number(process.env.TUSJ_BENCH_TYPING_MB) || (process.env.TUSJ_BENCH_QUICK ? 1 : 10);
    const huge = seedsRepeated(mb * 1_000_000);
    await newArticle(page);
    const [hugeMs] = await pasteTimed(page, huge, 1200000);
    console.log(`${mb} MB paste for typing (${huge.length} chars) → highlights in the page: ${ms(hugeMs)}`);
    // (Pages from before issue 13's parts folded a long article's box away: unfolded here.
    // Now the box holds a part of a long article, and typing goes into its first paragraphs.)
    if (await page.isVisible('#unfold')) await page.click('#unfold');
    await page.focus('#source');
    await page.evaluate(() => {
      const s = document.getElementById('source');
      s.setSelectionRange(2000, 2000); // in the first paragraphs
      window.__bench.keys = [];
    });
    await page.waitForTimeout(3000); // the box laid out: typing is measured, not unfolding
    from = await page.evaluate(() => performance.now());
    for (let burst = 0; burst < 6; burst++) {
      for (let k = 0; k < 10; k++) {
        await page.keyboard.type('x');
        await page.waitForTimeout(150);
      }
      await page.waitForTimeout(1500);
    }
    const keys = await page.evaluate(() => window.__bench.keys);
    console.log(`typing in the ${mb} MB article, keydown → character shown: ${range(keys)}; longest task on the page's ` +
      `thread meanwhile ${await longest(page, from)}`);
    await context.close();
  }
} finally {
  await browser.close();
}
