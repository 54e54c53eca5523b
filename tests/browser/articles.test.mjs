// Issue 12: several articles. The page keeps a short list of the articles worked on, each with
// its corrections, switchable and deletable, in this browser's storage; «Export all» writes
// JSON Lines; storage that fills up says so before anything is lost.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, SEEDS, seed, useBrowser, open, paste, rendered, marks, validate } from './helpers.mjs';

const ARTICLE =
  'Talsperson Sean Ryan sier at koalisjonen angrep mål i Deir al-Zor lørdag. ' +
  'Ifølge SOHR ble minst 43 mennesker drept i Syria.';
const getBrowser = useBrowser();

const titles = (page) => page.$$eval('#articles-list .open-article', (bs) => bs.map((b) => b.textContent));

// Pastes `text` as a new article: into the text box, answering the question with Enter.
async function pasteNewArticle(page, text) {
  await page.focus('#source');
  const asks = (await page.$eval('#source', (s) => s.value.trim())) !== '';
  await rendered(page, async () => {
    await paste(page, text);
    if (asks) {
      await page.waitForSelector('#paste-ask[open]');
      await page.keyboard.press('Enter');
    }
  });
}

async function markInSource(page, word, key) {
  const at = await page.$eval('#source', (s, w) => s.value.indexOf(w), word);
  await page.focus('#source');
  await page.$eval('#source', (s, [i, n]) => s.setSelectionRange(i, i + n), [at, word.length]);
  await rendered(page, () => page.keyboard.press(key));
}

describe('several articles', () => {
  test('each article keeps its corrections; the list switches between them, survives a reload, and deletes', async () => {
    const { context, page, errors } = await open(getBrowser());
    await pasteNewArticle(page, ARTICLE);
    await markInSource(page, 'koalisjonen', 'Alt+p');
    await pasteNewArticle(page, seed(SEEDS[0]));
    await page.click('#articles-box summary');
    const list = await titles(page);
    assert.equal(list.length, 2, list.join(' | '));
    assert.equal(await page.textContent('#articles-count'), '2');
    assert.ok(list[1].startsWith('Talsperson Sean Ryan'), list[1]);
    // Each line gives the date and the counts.
    const meta = await page.$$eval('#articles-list .meta', (ms) => ms.map((m) => m.textContent));
    assert.match(meta[1], /^\d{4}-\d\d-\d\d \d\d:\d\d · \d+ actors · \d+ places · \d+ numbers · 1 correction$/);

    // Switch to the first article: its text and its correction are back.
    await rendered(page, () => page.click('#articles-list .open-article >> nth=1'));
    assert.equal(await page.$eval('#source', (s) => s.value), ARTICLE);
    assert.ok((await marks(page)).some((m) => m.text === 'koalisjonen' && m.kind === 'place'));
    // Undo switches back.
    await rendered(page, () => page.keyboard.press('Control+z'));
    assert.equal(await page.$eval('#source', (s) => s.value), seed(SEEDS[0]));

    // Both are there after a reload; the one worked on last is shown.
    await page.reload();
    await page.waitForSelector('#view[data-rendered]');
    assert.equal(await page.$eval('#source', (s) => s.value), seed(SEEDS[0]));
    await page.click('#articles-box summary');
    assert.equal((await titles(page)).length, 2);

    // Delete the other one (after a confirmation).
    page.once('dialog', (d) => d.accept());
    await page.click('#articles-list button[data-delete-article] >> nth=1');
    await page.waitForFunction(() => document.querySelectorAll('#articles-list li').length === 1);
    await page.reload();
    await page.waitForSelector('#view[data-rendered]');
    assert.equal((await titles(page)).length, 1);
    assert.equal(await page.$eval('#source', (s) => s.value), seed(SEEDS[0]));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('work saved by the page before the list of articles opens as the first article', async () => {
    const { context, page } = await open(getBrowser());
    await page.evaluate((text) => {
      localStorage.clear();
      localStorage.setItem('tusj.work.v1', JSON.stringify({
        text, name: '', corrections: [{ op: 'mark', start: 29, end: 40, text: 'koalisjonen', type: 'organisation' }],
      }));
    }, ARTICLE);
    await page.reload();
    await page.waitForSelector('#view[data-rendered]');
    assert.equal(await page.$eval('#source', (s) => s.value), ARTICLE);
    assert.ok((await marks(page)).some((m) => m.text === 'koalisjonen' && m.type === 'organisation'));
    await page.click('#articles-box summary');
    assert.equal((await titles(page)).length, 1);
    assert.equal(await page.evaluate(() => localStorage.getItem('tusj.work.v1')), null);
    await context.close();
  });

  test('«Export all» downloads every article as JSON Lines of tusj documents with their corrections', async () => {
    const { context, page } = await open(getBrowser());
    await pasteNewArticle(page, ARTICLE);
    await markInSource(page, 'koalisjonen', 'Alt+a');
    await pasteNewArticle(page, seed(SEEDS[1]));
    await page.click('#articles-box summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-all')]);
    assert.equal(download.suggestedFilename(), 'tusj-articles.jsonl');
    const file = join(OUT, download.suggestedFilename());
    await download.saveAs(file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 2);
    const docs = lines.map((l) => JSON.parse(l));
    for (const d of docs) assert.ok(validate(d), JSON.stringify(validate.errors));
    assert.deepEqual(docs.map((d) => d.text).sort(), [ARTICLE, seed(SEEDS[1])].sort());
    const first = docs.find((d) => d.text === ARTICLE);
    assert.deepEqual(first.corrections.map((c) => c.text), ['koalisjonen']);
    await context.close();
  });

  test('storage that fills up warns while everything is still saved, and nothing saved is lost when it is full', async () => {
    // A tiny fake quota: the storage wrapper refuses writes past it, as a full browser does.
    const quota = JSON.stringify(seed(SEEDS[0])).length + 1100;
    const fakeQuota = (q) => {
      window.tusjStorageQuota = q;
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function setItem(key, value) {
        let used = 0;
        for (let i = 0; i < this.length; i++) {
          const k = this.key(i);
          if (k !== key) used += k.length + (this.getItem(k) || '').length;
        }
        if (used + key.length + String(value).length > q) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return set.call(this, key, value);
      };
    };
    const { context, page } = await open(getBrowser(), { init: [fakeQuota, quota] });

    await pasteNewArticle(page, ARTICLE);
    assert.ok(!(await page.isVisible('#warning')), 'plenty of room');
    await pasteNewArticle(page, seed(SEEDS[0]));
    // Both are saved, and the page warns before the next one no longer fits.
    assert.ok(await page.isVisible('#warning'));
    assert.match(await page.textContent('#warning'), /storage for tusj is \d+% full \(2 articles\).*Export all/);
    await pasteNewArticle(page, seed(SEEDS[1]));
    assert.match(await page.textContent('#warning'), /not being saved.*QuotaExceededError.*Nothing saved earlier was removed/);
    assert.ok((await marks(page)).length > 0, 'the page keeps working');

    // After a reload the two saved articles are still there.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.click('#articles-box summary');
    assert.equal((await titles(page)).length, 2);
    await context.close();
  });
});
