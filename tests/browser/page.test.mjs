// The page as a person uses it: open dist/tusj.html from disk, paste, read, export.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ROOT, SHOTS, PAGE, PAGE_URL, OUT, SEEDS, seed, seedsRepeated, useBrowser, open, paste, rendered, marks, cliAnnotate, codePointSlice,
  validate,
} from './helpers.mjs';

const getBrowser = useBrowser();

// Every request the page made is the page itself or inline data; nothing left the machine.
function assertOffline(requests) {
  const foreign = requests.filter((u) => u !== PAGE_URL && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'the page made network requests');
}

describe('opening the page', () => {
  test('the paste target has focus and the CSP forbids the network', async () => {
    const { context, page, requests, errors } = await open(getBrowser());
    assert.equal(await page.evaluate(() => document.activeElement.id), 'source');
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.equal(directives['connect-src'], undefined, 'no connect-src: fetch and XHR stay blocked');
    assert.ok(directives['script-src'].includes("'wasm-unsafe-eval'"));
    assert.ok(!directives['script-src'].includes("'unsafe-eval'"));
    for (const [k, v] of Object.entries(directives)) {
      for (const source of v) assert.ok(!/^(https?:|\*|'self')/.test(source), `${k} allows ${source}`);
    }
    // Under that policy a fetch from the page really fails.
    const fetched = await page.evaluate(() => fetch('https://example.org/').then(() => 'loaded', () => 'blocked'));
    assert.equal(fetched, 'blocked');
    assert.ok(await page.isVisible('text=Export JSON'));
    assert.deepEqual(errors, []);
    assertOffline(requests);
    await context.close();
  });
});

describe('pasting the seeds', () => {
  for (const name of SEEDS) {
    test(`${name}: Ctrl+V shows exactly the core's annotations, and the export is the core's document`, async () => {
      const expected = cliAnnotate(join('seeds', name));
      const { context, page, requests, errors } = await open(getBrowser());
      await rendered(page, () => paste(page, seed(name)));

      // The article is shown whole, with the highlights inside its text.
      assert.equal(await page.$eval('#view', (v) => v.textContent), seed(name));
      const shown = await marks(page);
      assert.deepEqual(
        shown.map((m) => [m.kind, m.type, m.text]),
        expected.annotations.map((a) => [a.kind, a.type, a.text]),
      );
      assert.ok(shown.length > 0, 'the seed has highlights');
      for (const m of shown) assert.equal(m.description, `${m.kind}: ${m.type}`);

      // The legend counts each kind.
      for (const kind of ['actor', 'place', 'number']) {
        const count = await page.$eval(`#legend [data-count="${kind}"]`, (c) => Number(c.textContent));
        assert.equal(count, expected.annotations.filter((a) => a.kind === kind).length, kind);
      }

      // Export JSON downloads <name>.tusj.json: valid, offsets right, equal to the CLI's document.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export JSON')]);
      assert.match(download.suggestedFilename(), /^[a-z0-9-]+\.tusj\.json$/);
      const file = join(OUT, download.suggestedFilename());
      await download.saveAs(file);
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2));
      assert.equal(doc.text, seed(name));
      for (const a of doc.annotations) assert.equal(a.text, codePointSlice(doc.text, a.start, a.end), a.id);
      assert.deepEqual(doc, expected);

      // Copy JSON puts the same document on the clipboard.
      await page.click('text=Copy JSON');
      await page.waitForFunction(() => /clipboard/.test(document.getElementById('status').textContent));
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.deepEqual(JSON.parse(copied), doc);

      assert.deepEqual(errors, []);
      assertOffline(requests);
      await context.close();
    });
  }

  test('seed 000 names the SDF as an actor and Syria as a place, and finds numbers', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, seed(SEEDS[0])));
    const shown = await marks(page);
    const of = (kind) => shown.filter((m) => m.kind === kind).map((m) => m.text);
    assert.ok(of('actor').some((t) => t.includes('SDF')), `actors: ${of('actor')}`);
    assert.ok(of('place').some((t) => t.includes('Syria')), `places: ${of('place')}`);
    assert.ok(of('number').length > 0, 'numbers are highlighted');
    await context.close();
  });
});

describe('reading the highlights', () => {
  test('hover and focus show the type, and for numbers the reading', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, 'Ifølge SOHR ble minst 43 mennesker drept i Syria i 2014.'));
    const number = page.locator('#view mark[data-kind="number"]').first();
    await number.hover();
    const tip = await page.textContent('#tip');
    assert.ok(await page.isVisible('#tip'));
    assert.match(tip, /^number: count · minst 43 \(mennesker\)$/);

    // Keyboard: Tab from the text box reaches the article's marks (after the legend and the
    // correction toolbar); arrows move between marks.
    await page.focus('#source');
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement.tagName)) === 'MARK') break;
    }
    const focused = await page.evaluate(() => document.activeElement.tagName);
    assert.equal(focused, 'MARK');
    const firstId = await page.evaluate(() => document.activeElement.dataset.id);
    await page.keyboard.press('ArrowRight');
    const secondId = await page.evaluate(() => document.activeElement.dataset.id);
    assert.notEqual(firstId, secondId);
    assert.ok(await page.isVisible('#tip'));
    assert.match(await page.textContent('#tip'), /^(actor|place|number): /);
    await context.close();
  });

  test('the legend toggles a kind without losing the text', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, seed(SEEDS[0])));
    const button = page.locator('#legend button[data-kind="number"]');
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    const before = await page.$eval('#view mark[data-kind="number"]', (m) => getComputedStyle(m).backgroundColor);
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    const hidden = await page.$eval('#view mark[data-kind="number"]', (m) => getComputedStyle(m).backgroundColor);
    assert.notEqual(before, hidden);
    assert.equal(hidden, 'rgba(0, 0, 0, 0)');
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    await context.close();
  });

  test('typing re-annotates', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, 'Det skjedde i går.'));
    const before = (await marks(page)).length;
    await rendered(page, async () => {
      await page.focus('#source');
      await page.keyboard.press('End');
      await page.keyboard.type(' Minst 43 mennesker ble drept i Syria i 2014.');
    });
    const after = await marks(page);
    assert.ok(after.length > before, `marks before ${before}, after ${after.length}`);
    assert.ok(after.some((m) => m.kind === 'number'));
    await context.close();
  });
});

describe('pasted text is only ever text', () => {
  const attacks = [
    '<img src=x onerror="window.__pwned = 1; alert(1)">',
    '<script>window.__pwned = 2; alert(2)</script>',
    '<svg onload="window.__pwned = 3"></svg> <a href="javascript:window.__pwned=4">lenke</a>',
  ];
  test('markup pasted as plain text shows as characters and runs nothing', async () => {
    const { context, page, requests } = await open(getBrowser());
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      d.dismiss();
    });
    const text = `Oslo 2014. ${attacks.join('\n')}`;
    await rendered(page, () => paste(page, text));
    assert.equal(await page.$eval('#view', (v) => v.textContent), text);
    assert.equal(await page.$$eval('#view img, #view script, #view svg, #view a', (e) => e.length), 0);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(dialogs, 0);
    assertOffline(requests);
    await context.close();
  });

  test('rich text (HTML) is reduced to its plain text; its scripts and images never run', async () => {
    const { context, page, requests } = await open(getBrowser());
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      d.dismiss();
    });
    const html =
      '<h1>Kamper i <b>Syria</b></h1><p>Minst <i>43</i> mennesker ble drept.</p>' +
      '<p><img src="https://example.org/x.png" onerror="window.__pwned=5">Ifølge <a href="https://example.org">SOHR</a>.</p>' +
      '<script>window.__pwned=6</script><style>p{color:red}</style>';
    // Only text/html on the clipboard, as some sites copy it.
    await rendered(page, () => paste(page, undefined, html));
    assert.equal(await page.$eval('#source', (s) => s.value), 'Kamper i Syria\n\nMinst 43 mennesker ble drept.\n\nIfølge SOHR.');
    assert.equal(await page.$$eval('#view img, #view script, #view b, #view a', (e) => e.length), 0);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(dialogs, 0);
    assertOffline(requests);
    await context.close();
  });
});

describe('failure is readable', () => {
  test('a broken wasm module shows a message, not a blank page', async () => {
    const broken = join(OUT, 'broken.html');
    const html = readFileSync(PAGE, 'utf8').replace(
      /(<script id="tusj-wasm" type="application\/gzip">)[A-Za-z0-9+/=]{16}/,
      '$1AAAAAAAAAAAAAAAA',
    );
    writeFileSync(broken, html);
    const context = await getBrowser().newContext();
    const page = await context.newPage();
    await page.goto(pathToFileURL(broken).href);
    await page.waitForSelector('#error:not([hidden])');
    assert.match(await page.textContent('#error'), /annotator could not start/);
    assert.ok(await page.isVisible('#source'), 'the text box is still there');
    await context.close();
  });
});

describe('a long article', () => {
  // A 1 MB paste must not freeze the page: annotation runs in a Worker, and the marks are
  // drawn in slices. The probe is Chromium's Long Tasks API: no single task on the page's
  // thread may block it for a second or more. (Total time is a benchmark, not a test.)
  test('a 1 MB paste keeps the page responsive', async () => {
    const { context, page } = await open(getBrowser());
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const big = seedsRepeated(1_000_000);
    await page.focus('#source');
    await rendered(page, () => paste(page, big), 300000);
    const count = await page.$$eval('#view mark', (m) => m.length);
    assert.ok(count > 1000, `${count} marks`);
    const tasks = await page.evaluate(() => window.__longTasks);
    const longest = Math.max(0, ...tasks);
    console.log(`# 1 MB paste: ${count} marks; ${tasks.length} long tasks, longest ${Math.round(longest)} ms`);
    assert.ok(longest < 1000, `a task blocked the page for ${Math.round(longest)} ms`);
    await context.close();
  });
});

describe('a name with tens of thousands of mentions', () => {
  // Its list of mention ids alone is half a megabyte of JSON: the worker sends it in slices
  // (worker.js, `sliced`), so that no piece the page parses in one task is much longer than
  // the others (CHUNK, 256 KiB), and the page puts them back: the entity arrives whole.
  test('arrives complete, in pieces the page parses one at a time', async () => {
    const { context, page, errors } = await open(getBrowser());
    await page.evaluate(() => {
      window.__longest = 0;
      const parse = JSON.parse;
      JSON.parse = (s, ...r) => {
        window.__longest = Math.max(window.__longest, String(s).length);
        return parse(s, ...r);
      };
    });
    await page.focus('#source');
    await rendered(page, () => paste(page, 'Oslo. '.repeat(50000)), 300000);
    const [mentions, ids, longest] = await page.evaluate(() => [
      state.doc.entities.map((e) => e.mentions.length),
      state.doc.annotations.filter((a) => a.entity === state.doc.entities[0].id).map((a) => a.id),
      window.__longest,
    ]);
    assert.deepEqual(mentions, [50000]);
    const entity = await page.evaluate(() => state.doc.entities[0].mentions);
    assert.deepEqual(entity, ids);
    assert.ok(longest < 1.5 * 2 ** 18, `the page parsed ${longest} characters of JSON at once`);
    // The core's own document, named in the worker and exported, is the one the page holds.
    const exported = await page.evaluate(async () => JSON.parse(await core.call('exportJson', state.doc)).entities);
    assert.deepEqual(await page.evaluate(() => state.doc.entities), exported);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the worker holds the documents it made', () => {
  // The page names a document the worker made instead of sending it back (core.js); one the
  // worker no longer holds (it keeps the newest two) is sent, and the answer is the same.
  test('an export of a document it holds no more is still that document', async () => {
    const { context, page, errors } = await open(getBrowser());
    const texts = ['Erna Solberg besøkte Bergen.', 'Jonas Gahr Støre var i Oslo.', 'SDF tok Raqqa i 2017.'];
    const [first, newest] = await page.evaluate(async (list) => {
      const docs = [];
      for (const t of list) docs.push((await core.call('apply', t, [])).document);
      return [JSON.parse(await core.call('exportJson', docs[0])), JSON.parse(await core.call('exportJson', docs[2]))];
    }, texts);
    assert.equal(first.text, texts[0]);
    assert.ok(first.annotations.some((a) => a.text === 'Erna Solberg'));
    assert.equal(newest.text, texts[2]);
    assert.ok(newest.annotations.some((a) => a.text === 'Raqqa'));
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('screenshot', () => {
  test('screenshots/page.png shows seed 000 annotated', async () => {
    const { context, page } = await open(getBrowser(), { viewport: { width: 1200, height: 900 } });
    await rendered(page, () => paste(page, seed(SEEDS[0])));
    // Show a tooltip as a reader would see it.
    await page.locator('#view mark[data-kind="number"]').first().hover();
    await page.screenshot({ path: join(SHOTS, 'page.png') });
    await context.close();
  });
});
