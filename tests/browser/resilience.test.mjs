// Work is never lost and the annotator never stays dead: typing saved at once, a trapped
// worker replaced, the model decoded before the first paste, an article too big for storage
// flagged with Export. (Timings are not asserted here; `make bench` measures them.)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, SEEDS, seed, seedsRepeated, useBrowser, open, paste, rendered, marks, cliAnnotate, exportDownload, codePointSlice, markTexts } from './helpers.mjs';

const getBrowser = useBrowser();

const ARTICLE = 'Erna Solberg besøkte Bergen i går.';

describe('typing is never lost', () => {
  test('a reload at once after typing keeps every character', async () => {
    const { context, page } = await open(getBrowser());
    await page.focus('#source');
    await rendered(page, () => paste(page, ARTICLE));
    await page.keyboard.press('End');
    const typed = ' Hun møtte Jonas Gahr Støre i Oslo, sa NTB.';
    await page.keyboard.type(typed);
    await page.reload(); // no wait: the edit has not settled
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.inputValue('#source'), ARTICLE + typed);
    // It settles and is annotated like any edit.
    await page.waitForFunction(() => document.getElementById('view').textContent.includes('Oslo, sa NTB.'));
    await page.waitForFunction(() => [...document.querySelectorAll('#view mark')].some((m) => m.textContent === 'Oslo'));
    await context.close();
  });
});

describe('a long article is edited a part at a time', () => {
  test('typing in two parts keeps every character; export, a correction, undo and a reload have the whole text', async () => {
    const { context, page } = await open(getBrowser());
    const article = seedsRepeated(300000);
    const whole = async () => JSON.parse((await exportDownload(page)).content);
    await page.focus('#source');
    await rendered(page, () => paste(page, article), 120000);
    assert.ok(await page.isVisible('#sections'), 'the bar of parts is shown');
    const first = await page.inputValue('#source');
    assert.ok(first.length > 0 && first.length <= 20000 && article.startsWith(first), `the box holds ${first.length} characters`);
    // Its document crossed from the worker in pieces (worker.js, more than 1 MB of JSON), put
    // together on the page as the core wrote it.
    const doc = await whole();
    assert.equal(doc.text, article);
    const shown = await page.evaluate(() => ({ text: state.doc.text, annotations: state.doc.annotations, entities: state.doc.entities, events: state.doc.events }));
    assert.equal(shown.text, article);
    assert.deepEqual(shown.annotations, doc.annotations);
    assert.deepEqual(shown.entities, doc.entities);
    assert.deepEqual(shown.events, doc.events);
    assert.equal(await page.$$eval('#view mark', (m) => m.length), doc.annotations.length);

    // Type at the start of the first part, let it settle; then at the start of the next part.
    await page.focus('#source');
    await page.$eval('#source', (s) => s.setSelectionRange(0, 0));
    await rendered(page, () => page.keyboard.type('Først. '), 120000);
    await page.click('#section-next');
    const second = await page.inputValue('#source');
    assert.ok(second.length > 0 && article.slice(first.length).startsWith(second), 'the next part follows the first');
    assert.match(await page.textContent('#section-where'), new RegExp(`characters ${(first.length + 8).toLocaleString('en')}–`));
    await rendered(page, () => page.keyboard.type('Midt. '), 120000);
    const typed = `Først. ${first}Midt. ${article.slice(first.length)}`;
    assert.equal((await whole()).text, typed);

    // Marking words in the second part: the correction counts from the article's start.
    const at = await page.$eval('#source', (s) => s.value.indexOf('Dillon'));
    assert.ok(at >= 0);
    await page.focus('#source');
    await page.$eval('#source', (s, i) => s.setSelectionRange(i, i + 'Dillon'.length), at);
    await rendered(page, () => page.keyboard.press('Alt+A'), 120000);
    const marked = await whole();
    assert.equal(marked.text, typed);
    const c = marked.corrections.at(-1);
    assert.equal(c.text, 'Dillon');
    assert.equal(codePointSlice(typed, c.start, c.end), 'Dillon');
    assert.equal(c.start, typed.indexOf('Dillon', `Først. ${first}Midt. `.length));

    // Undo takes the correction back, then the second burst; the box shows a part of the text.
    await page.focus('#source');
    await rendered(page, () => page.keyboard.press('Control+Z'), 120000);
    await rendered(page, () => page.keyboard.press('Control+Z'), 120000);
    assert.equal((await whole()).text, `Først. ${article}`);
    const box = await page.inputValue('#source');
    assert.ok(box.length <= 20000 && `Først. ${article}`.includes(box));

    // Redo, and a reload keeps everything.
    await rendered(page, () => page.keyboard.press('Control+Shift+Z'), 120000);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForSelector('#view[data-rendered]', { timeout: 120000 });
    assert.equal((await whole()).text, typed);
    await context.close();
  });
});

describe('a long article goes to the worker as its change', () => {
  // core.js (textTo): after the first time, an edit of a long article sends the worker what
  // changed, not the whole text again; the worker puts the text together (worker.js).
  const spy = () => {
    window.__sent = [];
    const plain = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (msg, ...rest) {
      if (msg && (msg.fn === 'applyJson' || msg.fn === 'applyEdit')) {
        const t = msg.args[0];
        window.__sent.push(typeof t === 'string' ? { whole: t.length } : { edit: t.edit.slice(0, 2), middle: t.edit[2] });
      }
      return plain.call(this, msg, ...rest);
    };
  };

  test('and the worker annotates the text as edited', async () => {
    const { context, page, errors } = await open(getBrowser(), { init: [spy] });
    const article = seedsRepeated(100000).trimEnd();
    await page.focus('#source');
    await rendered(page, () => paste(page, article), 120000);
    assert.deepEqual(await page.evaluate(() => window.__sent), [{ whole: article.length }]);
    const at = article.indexOf('\n\n', 5000);
    await page.$eval('#source', (s, i) => s.setSelectionRange(i, i), at);
    await rendered(page, () => page.keyboard.type(' Erna Solberg var i Bergen.'), 120000);
    await page.waitForFunction(() => document.getElementById('view').dataset.partial === 'false', null, { timeout: 60000 });
    const typed = `${article.slice(0, at)} Erna Solberg var i Bergen.${article.slice(at)}`;
    const sent = await page.evaluate(() => window.__sent);
    assert.ok(sent.length >= 2, JSON.stringify(sent));
    for (const m of sent.slice(1)) {
      assert.ok(m.edit, `a change, not the whole text: ${JSON.stringify(m)}`);
      assert.ok(m.middle.length < 100 && m.edit[0] >= at - 30, JSON.stringify(m)); // (or the same text again)
    }
    // The worker's document (named there and exported) is of the text as typed.
    const doc = JSON.parse((await exportDownload(page)).content);
    assert.equal(doc.text, typed);
    assert.ok(doc.annotations.some((a) => a.text === 'Erna Solberg' && a.start === [...article.slice(0, at)].length + 1));
    assert.deepEqual(await markTexts(page), doc.annotations.map((a) => `${a.kind}/${a.type}:${a.text}`));
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('a long article\'s document comes back as its change', () => {
  // worker.js (pieces): the lists' items at the start and the end that the page already has
  // in the document it names are not sent again; core.js puts the lists together from both.
  const spy = () => {
    window.__kept = [];
    const plain = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (...args) {
      if (!this.__spied) {
        this.__spied = true;
        this.addEventListener('message', (e) => {
          const p = e.data && e.data.result && e.data.result.pieces;
          if (p) window.__kept.push(p.keep || null);
        });
      }
      return plain.apply(this, args);
    };
  };

  test('and the page\'s document after an edit is the core\'s, the marks before it not sent again', async () => {
    const { context, page, errors } = await open(getBrowser(), { init: [spy] });
    const article = seedsRepeated(300000).trimEnd();
    await page.focus('#source');
    await rendered(page, () => paste(page, article), 120000);
    const shown = () => page.evaluate(() => ({ text: state.doc.text, annotations: state.doc.annotations, entities: state.doc.entities, events: state.doc.events }));
    const core = async () => JSON.parse((await exportDownload(page)).content); // the worker's document, as the core wrote it
    const same = async () => {
      const [doc, now] = [await core(), await shown()];
      assert.equal(now.text, doc.text);
      for (const key of ['annotations', 'entities', 'events']) assert.deepEqual(now[key], doc[key], key);
      assert.deepEqual(await markTexts(page), doc.annotations.map((a) => `${a.kind}/${a.type}:${a.text}`));
      return doc;
    };
    await same();
    // Words typed in the middle of the box's part: drawn from their paragraph, then from the
    // whole text; then a new name, which joins the entities and moves their numbers.
    const box = await page.inputValue('#source');
    let text = article;
    for (const [typed, from] of [[' Det var alt for i dag.', 10000], [' Erna Solberg var i Bergen.', 5000]]) {
      const at = box.indexOf('\n\n', from);
      await page.focus('#source');
      await page.$eval('#source', (s, i) => s.setSelectionRange(i, i), at);
      await rendered(page, () => page.keyboard.type(typed), 120000);
      await page.waitForFunction(() => document.getElementById('view').dataset.partial === 'false', null, { timeout: 60000 });
      text = `${text.slice(0, at)}${typed}${text.slice(at)}`;
      assert.equal((await same()).text, text);
      // Both answers after the edit (from the paragraphs, then the whole text) left out the
      // marks before it, which the page had. (Those after it moved, and after a change in the
      // number of marks their ids too: they come again.)
      const kept = await page.evaluate(() => window.__kept);
      assert.equal(kept[0], null, 'the paste came whole');
      const before = (await shown()).annotations.filter((a) => a.end <= [...text.slice(0, at)].length).length;
      assert.ok(before > 50, `${before} marks before the edit`);
      for (const k of kept.slice(-2)) assert.ok(k.annotations[0] >= before - 5, `${JSON.stringify(kept)}; ${before} before`);
    }
    assert.ok((await shown()).annotations.some((a) => a.text === 'Erna Solberg' && a.entity));
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('a pathological paste', () => {
  test('12 MB of «-» leaves a working annotator: the next article gets its highlights', async () => {
    const { context, page, errors } = await open(getBrowser());
    await page.focus('#source');
    await rendered(page, () => paste(page, '-'.repeat(12_000_000)), 300000);
    assert.equal(await page.isVisible('#error'), false, await page.textContent('#error'));
    assert.equal(await page.$eval('#view', (v) => v.textContent.length), 12_000_000);
    await rendered(page, () => page.click('#new'));
    await page.focus('#source');
    await rendered(page, () => paste(page, seed(SEEDS[0])), 120000);
    const after = await markTexts(page);
    // The same highlights as on a page that never saw the dashes.
    const fresh = await open(getBrowser());
    await fresh.page.focus('#source');
    await rendered(fresh.page, () => paste(fresh.page, seed(SEEDS[0])), 120000);
    const expected = await markTexts(fresh.page);
    assert.ok(expected.length > 20, `${expected.length} highlights`);
    assert.deepEqual(after, expected);
    assert.deepEqual(errors, []);
    await fresh.context.close();
    await context.close();
  });
});

// Makes the core take `ms` longer for every annotation, so that what a person does just after
// a paste happens before its answer (a short paste goes in the text box with its highlights).
function slowCore(ms) {
  window.tusjPasteWait = 2 * ms; // and the text waits for the answer as long
  const PlainBlob = window.Blob;
  window.Blob = class extends PlainBlob {
    constructor(parts, options) {
      if (options && options.type === 'text/javascript') {
        parts = [
          ...parts,
          `\n;{ const plain = wasm_bindgen.applyJson; wasm_bindgen.applyJson = (...a) => { const t = Date.now(); while (Date.now() - t < ${ms}); return plain(...a); }; }`,
        ];
      }
      super(parts, options);
    }
  };
}

describe('a paste is never lost', () => {
  // A page whose core answers 400 ms late, warm, the text box focused: a paste is still waiting.
  async function slowPastePage() {
    const { context, page } = await open(getBrowser(), { init: [slowCore, 400] });
    await page.waitForSelector('html[data-warm="true"]');
    await page.focus('#source');
    return { context, page };
  }

  test('keys pressed at once after a paste go after the pasted text', async () => {
    const { context, page } = await slowPastePage();
    await rendered(page, async () => {
      await paste(page, ARTICLE);
      await page.keyboard.type(' Ekstra.');
    });
    await page.waitForFunction(() => document.getElementById('view').textContent.includes('Ekstra.'));
    assert.equal(await page.inputValue('#source'), `${ARTICLE} Ekstra.`);
    await context.close();
  });

  test('a reload at once after a paste keeps it', async () => {
    const { context, page } = await slowPastePage();
    await paste(page, ARTICLE);
    await page.reload(); // no wait: the core has not answered
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.inputValue('#source'), ARTICLE);
    await page.waitForFunction(() => [...document.querySelectorAll('#view mark')].some((m) => m.textContent === 'Bergen'));
    await context.close();
  });

  test('a paste is saved when the page is hidden before the core answers', async () => {
    const { context, page } = await slowPastePage();
    await paste(page, ARTICLE);
    // The page goes to the background (another tab, the phone locked) while the core works.
    const saved = await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      return Object.keys(localStorage)
        .filter((k) => k.startsWith('tusj.article.'))
        .map((k) => JSON.parse(localStorage.getItem(k)).text);
    });
    assert.deepEqual(saved, [ARTICLE]);
    await context.close();
  });
});

// Makes the first worker the page starts trap («unreachable») on every annotation from then
// on, as a wasm instance does once it has trapped; later workers are left alone.
function trapFirstWorker() {
  const PlainBlob = window.Blob;
  let scripts = 0;
  window.Blob = class extends PlainBlob {
    constructor(parts, options) {
      if (options && options.type === 'text/javascript' && scripts++ === 0) {
        parts = [
          ...parts,
          '\n;for (const fn of ["applyJson", "annotate"]) wasm_bindgen[fn] = () => { throw new WebAssembly.RuntimeError("unreachable"); };',
        ];
      }
      super(parts, options);
    }
  };
  window.__workers = 0;
  const PlainWorker = window.Worker;
  window.Worker = class extends PlainWorker {
    constructor(...args) {
      super(...args);
      window.__workers++;
    }
  };
}

describe('the annotator never stays dead', () => {
  test('a worker whose wasm traps is replaced, the article annotated again, with a message', async () => {
    const { context, page, errors } = await open(getBrowser(), { init: [trapFirstWorker] });
    await page.focus('#source');
    await rendered(page, () => paste(page, ARTICLE));
    const shown = await marks(page);
    assert.ok(shown.some((m) => m.text === 'Erna Solberg'), JSON.stringify(shown));
    assert.match(await page.textContent('#status'), /restarted/);
    assert.equal(await page.evaluate(() => window.__workers), 2, 'one new worker');
    // And it goes on working: an edit is annotated too.
    await rendered(page, async () => {
      await page.keyboard.press('End');
      await page.keyboard.type(' Jonas Gahr Støre kom fra Oslo.');
    });
    // (On a loaded machine a drawing can come while typing goes on: wait for the last one.)
    await page.waitForFunction(() => [...document.querySelectorAll('#view mark')].some((m) => m.textContent === 'Oslo'));
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('ready before the first paste', () => {
  test('the model and the place table are decoded when the worker starts, not at the first paste', async () => {
    const { context, page, errors } = await open(getBrowser());
    await page.waitForSelector('html[data-warm="true"]', { timeout: 30000 });
    assert.equal(await page.$$eval('#view mark', (m) => m.length), 0, 'nothing was pasted');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('an article storage cannot hold', () => {
  test('is flagged at paste time with Export offered, and the next session says it was not kept', async () => {
    // A small quota: anything above 30,000 characters does not fit.
    const smallQuota = () => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (String(value).length > 30000) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    };
    const { context, page } = await open(getBrowser(), { init: [smallQuota] });
    await page.focus('#source');
    await rendered(page, () => paste(page, ARTICLE));
    assert.ok(await page.isHidden('#warning'), 'a short article is saved');

    const long = `${seed(SEEDS[0])}\n\n${seed(SEEDS[1])}\n\n`.repeat(8);
    assert.ok(long.length > 30000);
    await page.click('#new');
    await page.focus('#source');
    await rendered(page, () => paste(page, long));
    assert.ok(await page.isVisible('#warning'));
    assert.match(await page.textContent('#warning'), /not be here when the page is opened again/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#warning button:has-text("Export JSON")')]);
    const file = join(OUT, `unsaved-${download.suggestedFilename()}`);
    await download.saveAs(file);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).text, long);

    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.match(await page.textContent('#warning'), /was not kept/);
    await context.close();
  });
});

describe('editing a long article', () => {
  test('redraws only the changed blocks, and the result equals annotating the whole text', async () => {
    const { context, page, errors } = await open(getBrowser());
    const article = `${seed(SEEDS[0])}\n\n${seed(SEEDS[1])}`;
    await page.focus('#source');
    await rendered(page, () => paste(page, article));
    const blocks = await page.$$eval('#view .para', (ps) => ps.length);
    assert.ok(blocks > 10, `${blocks} blocks`);
    await page.$$eval('#view .para', (ps) => ps.forEach((p, i) => (p.__drawnBefore = i)));
    // A new mention of an entity named in the first paragraphs, typed at the very end: it
    // joins that entity (merging across paragraphs), and the ids after it stay the core's.
    const typed = '\n\nSDF og Bashar al-Assad møttes i Raqqa.';
    await rendered(page, async () => {
      await page.keyboard.press('Control+End');
      await page.keyboard.type(typed);
    });
    const final = article + typed;
    assert.equal(await page.$eval('#view', (v) => v.textContent), final);
    const [redrawn, all] = (await page.$eval('#view', (v) => v.dataset.blocks)).split('/').map(Number);
    assert.equal(all, blocks + 1);
    assert.ok(redrawn <= 2, `${redrawn} of ${all} blocks redrawn`);
    const kept = await page.$$eval('#view .para', (ps) => ps.filter((p) => p.__drawnBefore !== undefined).length);
    assert.equal(kept, all - redrawn, 'the unchanged blocks are the same elements');

    const file = join(OUT, 'edited-article.txt');
    writeFileSync(file, final);
    const expected = cliAnnotate(file);
    const shown = await page.$$eval('#view mark', (ms) =>
      ms.map((m) => [m.dataset.id, m.dataset.kind, m.dataset.type, Number(m.dataset.start), Number(m.dataset.end), m.dataset.entity || null, m.textContent]),
    );
    assert.deepEqual(
      shown,
      expected.annotations.map((a) => [a.id, a.kind, a.type, a.start, a.end, a.entity || null, a.text]),
    );
    const sdf = expected.entities.find((e) => e.aliases?.includes('SDF') || e.name === 'SDF');
    assert.ok(sdf, 'SDF is an entity');
    assert.ok(shown.filter((m) => m[5] === sdf.id).some((m) => m[3] > [...article].length), 'the new SDF joins the entity');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an article of 200,000 short lines: an edit before them all is drawn, not an error', async () => {
    // More blocks than a call takes arguments (about 120,000 in Chromium): the drawing keeps
    // the unchanged blocks after the edit, and once put them in its list as arguments of one
    // call, which threw «Maximum call stack size exceeded».
    const { context, page, errors } = await open(getBrowser());
    const lines = 200000;
    await page.focus('#source');
    await rendered(page, () => paste(page, 'x\n'.repeat(lines)), 120000);
    assert.equal(await page.$eval('#view', (v) => v.dataset.blocks), `${lines}/${lines}`);
    const before = await page.$eval('#view', (v) => Number(v.dataset.rendered));
    await page.focus('#source');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('y');
    // Drawn again, or the error the drawing ended in.
    const done = (b) => !document.getElementById('error').hidden || Number(document.getElementById('view').dataset.rendered) > b;
    await page.waitForFunction(done, before, { timeout: 60000 });
    assert.equal(await page.$eval('#error', (e) => (e.hidden ? '' : e.textContent)), '');
    // One block redrawn, the rest kept; the article as typed.
    assert.equal(await page.$eval('#view', (v) => v.dataset.blocks), `1/${lines}`);
    assert.equal(await page.$eval('#view', (v) => v.querySelectorAll('.para').length), lines);
    assert.equal(await page.$eval('#view', (v) => v.textContent), `y${'x\n'.repeat(lines)}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in a long article an edit is drawn from its paragraphs at once, then from the whole text', async () => {
    // The whole text waits 8 s after typing rather than 1 s, so that on a loaded machine the
    // partial drawing is still there to be looked at.
    const { context, page, errors } = await open(getBrowser(), { init: [() => (window.tusjWholeAfter = 8000)] });
    const article = `${seed(SEEDS[0])}\n\n${seed(SEEDS[1])}\n\n`.repeat(4).trimEnd();
    assert.ok(article.length > 20000, `${article.length} characters`); // EDIT_FROM in annotate.js
    await page.focus('#source');
    await rendered(page, () => paste(page, article));
    assert.equal(await page.$eval('#view', (v) => v.dataset.partial), 'false');
    // Typing pauses for longer than the page waits before the whole text (WHOLE_AFTER), so
    // the first drawing after the edit is the partial one.
    const typed = '\n\nSDF og Bashar al-Assad møttes i Raqqa.';
    await rendered(page, async () => {
      await page.keyboard.press('Control+End');
      await page.keyboard.type(typed);
    });
    const final = article + typed;
    const shownNow = () =>
      page.$$eval('#view mark', (ms) =>
        ms.map((m) => [m.dataset.id, m.dataset.kind, m.dataset.type, Number(m.dataset.start), Number(m.dataset.end), m.dataset.entity || null, m.textContent]),
      );
    assert.equal(await page.$eval('#view', (v) => v.dataset.partial), 'true');
    assert.equal(await page.$eval('#view', (v) => v.textContent), final);
    const partial = await shownNow();
    const file = join(OUT, 'edited-long-article.txt');
    writeFileSync(file, final);
    const expected = cliAnnotate(file);
    const whole = expected.annotations.map((a) => [a.id, a.kind, a.type, a.start, a.end, a.entity || null, a.text]);
    const start = [...article].length;
    // The new paragraph is annotated, its names as the whole text has them, but the new SDF
    // has joined no entity yet: only the paragraph was annotated.
    const spans = (list) => list.filter((m) => m[3] >= start).map((m) => [m[1], m[2], m[3], m[4], m[6]]);
    assert.deepEqual(spans(partial), spans(whole));
    assert.ok(spans(partial).some((m) => m[4] === 'Raqqa'));
    assert.ok(partial.filter((m) => m[3] >= start).every((m) => m[5] === null));
    // The marks before it are the whole text's.
    assert.deepEqual(partial.filter((m) => m[3] < start), whole.filter((m) => m[3] < start));
    // Then the whole text: equal to the core's document, the new SDF in its entity.
    await page.waitForFunction(() => document.getElementById('view').dataset.partial === 'false', null, { timeout: 30000 });
    assert.deepEqual(await shownNow(), whole);
    const sdf = expected.entities.find((e) => e.aliases?.includes('SDF') || e.name === 'SDF');
    assert.ok((await shownNow()).some((m) => m[3] >= start && m[5] === sdf.id), 'the new SDF joins the entity');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
