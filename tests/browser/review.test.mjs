// The page as a working tool: correct, undo, keep work across reloads, open and save files,
// the overview panel, accessibility.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, SHOTS, SEEDS, seed, useBrowser, open, paste, rendered, panelRendered, marks, codePointSlice,
  validate, markTexts, selectInSource, focusMark, exportDownload,
} from './helpers.mjs';

const ARTICLE =
  'Talsperson Sean Ryan sier at koalisjonen angrep mål i Deir al-Zor lørdag. ' +
  'Ifølge SOHR ble minst 43 mennesker drept i Syria.';
const getBrowser = useBrowser();

const status = (page) => page.textContent('#status');

describe('correcting', () => {
  test('add, relabel, remove, undo and redo', async () => {
    const { context, page, errors } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    const original = await markTexts(page);
    assert.ok(!original.some((m) => m.endsWith(':koalisjonen')), 'the model does not mark «koalisjonen»');

    // Add: select a word and press the toolbar's Actor button. The new mark gets the actor
    // type the model finds most likely there (trap 3), not whatever the Type list shows.
    await selectInSource(page, 'koalisjonen');
    await rendered(page, () => page.click('#marktools button[data-mark="actor"]'));
    const added = await page.$('#view mark[data-source="user"]');
    assert.equal(await added.textContent(), 'koalisjonen');
    assert.equal(await added.getAttribute('data-kind'), 'actor');
    const first = await added.getAttribute('data-type');
    const described = (await added.getAttribute('aria-describedby')).split(' ').filter((id) => id !== 'tip');
    const words = await Promise.all(described.map((id) => page.textContent(`#${id}`)));
    assert.equal(words.join(', '), `actor: ${first}, your correction`);
    const ACTORS = ['person', 'organisation', 'state'];
    const second = ACTORS[(ACTORS.indexOf(first) + 1) % 3];

    // Relabel with the keyboard: a → the next actor type (pressing again cycles the types).
    await focusMark(page, 'koalisjonen');
    await rendered(page, () => page.keyboard.press('a'));
    assert.equal(await page.getAttribute('#view mark[data-start] >> text=koalisjonen', 'data-type'), second);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'koalisjonen', 'focus stays');
    await rendered(page, () => page.keyboard.press('p'));
    assert.equal(await page.getAttribute('#view mark >> text=koalisjonen', 'data-kind'), 'place');

    // Remove with Delete.
    await focusMark(page, 'koalisjonen');
    await rendered(page, () => page.keyboard.press('Delete'));
    assert.ok(!(await markTexts(page)).some((m) => m.endsWith(':koalisjonen')));
    assert.match(await status(page), /Removed the highlight «koalisjonen»/);

    // Undo brings back each step in turn; redo replays them.
    await rendered(page, () => page.keyboard.press('Control+z'));
    assert.ok((await markTexts(page)).includes('place/geopolitical:koalisjonen'));
    await rendered(page, () => page.keyboard.press('Control+z'));
    assert.ok((await markTexts(page)).includes(`actor/${second}:koalisjonen`));
    await rendered(page, () => page.keyboard.press('Control+z'));
    await rendered(page, () => page.keyboard.press('Control+z'));
    assert.deepEqual(await markTexts(page), original);
    await rendered(page, () => page.keyboard.press('Control+Shift+z'));
    assert.ok((await markTexts(page)).includes(`actor/${first}:koalisjonen`));
    await rendered(page, () => page.keyboard.press('Control+y'));
    assert.ok((await markTexts(page)).includes(`actor/${second}:koalisjonen`));

    // The export carries the corrections, marked as the user's, and stays valid.
    const { content } = await exportDownload(page);
    const doc = JSON.parse(content);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    const user = doc.annotations.filter((a) => a.source === 'user');
    assert.deepEqual(user.map((a) => [a.text, a.type]), [['koalisjonen', second]]);
    assert.equal(doc.corrections.length, 2);
    for (const a of doc.annotations) assert.equal(a.text, codePointSlice(doc.text, a.start, a.end));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a model highlight can be removed and relabelled with the keyboard alone', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    const before = await marks(page);
    const target = before.find((m) => m.kind !== 'number');
    assert.ok(target, 'the article has a name');
    await focusMark(page, target.text);
    const key = target.kind === 'place' ? 'a' : 'p';
    await rendered(page, () => page.keyboard.press(key));
    const relabelled = (await marks(page)).find((m) => m.text === target.text);
    assert.equal(relabelled.kind, key === 'a' ? 'actor' : 'place');
    await page.keyboard.press('ArrowRight');
    const next = await page.evaluate(() => document.activeElement.textContent);
    await rendered(page, () => page.keyboard.press('Delete'));
    assert.ok(!(await marks(page)).some((m) => m.text === next), `«${next}» is removed`);

    // Add one without the mouse: Shift+arrows in the text box, then Alt+A.
    await selectInSource(page, 'koalisjonen');
    await rendered(page, () => page.keyboard.press('Alt+a'));
    assert.ok((await marks(page)).some((m) => m.text === 'koalisjonen' && m.kind === 'actor'));
    assert.equal(await page.$eval('#source', (s) => s.value), ARTICLE, 'nothing was typed');
    await context.close();
  });

  test('corrections survive edits elsewhere; a correction whose words are deleted is announced', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    await selectInSource(page, 'koalisjonen');
    await rendered(page, () => page.click('#marktools button[data-mark="actor"]'));

    // Type at the very start: the mark moves with its words.
    await rendered(page, async () => {
      await page.focus('#source');
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('OSLO (NTB): ');
    });
    const user = await page.$$eval('#view mark[data-source="user"]', (ms) => ms.map((m) => [m.textContent, m.dataset.start]));
    assert.deepEqual(user, [['koalisjonen', String('OSLO (NTB): '.length + ARTICLE.indexOf('koalisjonen'))]]);

    // Delete the word itself: the correction is dropped, and the page says so.
    await selectInSource(page, 'koalisjonen');
    await rendered(page, () => page.keyboard.press('Backspace'));
    assert.match(await status(page), /correction no longer fits.*dropped: «koalisjonen»/);
    assert.equal(await page.$$eval('#view mark[data-source="user"]', (m) => m.length), 0);
    await context.close();
  });
});

describe('never losing work', () => {
  test('reopening the page restores the article and its corrections', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    await selectInSource(page, 'koalisjonen');
    await rendered(page, () => page.click('#marktools button[data-mark="place"]'));
    const before = await markTexts(page);
    await page.reload();
    await page.waitForSelector('#view[data-rendered]');
    assert.deepEqual(await markTexts(page), before);
    assert.equal(await page.$eval('#source', (s) => s.value), ARTICLE);
    assert.match(await status(page), /Restored your article and 1 correction/);
    await context.close();
  });

  test('a burst of typing is one step for undo and redo, even when undone at once', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    await page.focus('#source');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Ekstra.');
    await rendered(page, () => page.keyboard.press('Control+z')); // before the edit settled
    // Undo settles the burst first, and that rendering (with « Ekstra.») can be the one
    // `rendered` saw: wait for the undo's own rendering.
    await page.waitForFunction((a) => document.getElementById('view').textContent === a, ARTICLE);
    assert.equal(await page.$eval('#source', (s) => s.value), ARTICLE);
    assert.equal(await page.$eval('#view', (v) => v.textContent), ARTICLE);
    await rendered(page, () => page.keyboard.press('Control+Shift+z'));
    assert.equal(await page.$eval('#source', (s) => s.value), `${ARTICLE} Ekstra.`);
    await context.close();
  });

  test('New article clears, and undo brings the article back', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    await rendered(page, () => page.click('#new'));
    assert.equal(await page.$eval('#view', (v) => v.textContent.trim()), 'The annotated article appears here.');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'source');
    await rendered(page, () => page.click('#undo'));
    assert.equal(await page.$eval('#source', (s) => s.value), ARTICLE);
    await context.close();
  });

  test('storage that refuses to save gives a warning, and the page keeps working', async () => {
    const refuse = () => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    };
    const { context, page } = await open(getBrowser(), { init: [refuse] });
    await rendered(page, () => paste(page, ARTICLE));
    assert.ok(await page.isVisible('#warning'));
    assert.match(await page.textContent('#warning'), /not being saved.*QuotaExceededError/);
    assert.ok((await marks(page)).length > 0);
    await context.close();
  });
});

describe('opening and saving', () => {
  test('an exported .tusj.json opens with its corrections (file picker and drag-and-drop)', async () => {
    const first = await open(getBrowser());
    await rendered(first.page, () => paste(first.page, ARTICLE));
    await selectInSource(first.page, 'koalisjonen');
    await rendered(first.page, () => first.page.click('#marktools button[data-mark="actor"]'));
    const saved = await exportDownload(first.page);
    const expected = await markTexts(first.page);
    await first.context.close();

    const { context, page } = await open(getBrowser());
    await rendered(page, () => page.setInputFiles('#file', saved.file));
    assert.deepEqual(await markTexts(page), expected);
    assert.equal(await page.$eval('#source', (s) => s.value), ARTICLE);
    // Exporting again gives the same document, under the opened file's name.
    const again = await exportDownload(page);
    assert.equal(again.name, saved.name);
    assert.deepEqual(JSON.parse(again.content), JSON.parse(saved.content));

    // Drop the .txt of a seed on the page: a new article, the old one a Ctrl+Z away.
    await rendered(page, () =>
      page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'artikkel.txt', { type: 'text/plain' }));
        document.getElementById('view').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, seed(SEEDS[1])),
    );
    assert.equal(await page.$eval('#view', (v) => v.textContent), seed(SEEDS[1]));
    const { name } = await exportDownload(page);
    assert.equal(name, 'artikkel.tusj.json');
    await rendered(page, () => page.keyboard.press('Control+z'));
    assert.deepEqual(await markTexts(page), expected);
    await context.close();
  });

  test('a .txt opens from the file picker', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => page.setInputFiles('#file', join(ROOT, 'seeds', SEEDS[0])));
    assert.equal(await page.$eval('#view', (v) => v.textContent), seed(SEEDS[0]));
    await context.close();
  });

  const broken = [
    ['broken.tusj.json', '{"format": "tusj", "version": 1, "text": "Syria", "annotations": [', /not valid JSON/],
    ['ents.json', JSON.stringify({ text: 'Syria', ents: [{ start: 0, end: 5, label: 'GPE' }] }), /not a tusj document/],
    [
      'offsets.tusj.json',
      JSON.stringify({
        format: 'tusj', version: 1, text: 'Syria', meta: {}, entities: [],
        annotations: [{ id: 'a1', kind: 'place', type: 'geopolitical', start: 0, end: 9, text: 'Syria', source: 'model' }],
      }),
      /./,
    ],
    ['picture.png', '\x89PNG', /neither a \.txt article nor a \.tusj\.json/],
  ];
  for (const [name, content, message] of broken) {
    test(`a broken or foreign file (${name}) gets a clear message and leaves the work untouched`, async () => {
      const { context, page } = await open(getBrowser());
      await rendered(page, () => paste(page, ARTICLE));
      const before = await markTexts(page);
      await page.setInputFiles('#file', { name, mimeType: 'application/octet-stream', buffer: Buffer.from(content, 'latin1') });
      await page.waitForSelector('#error:not([hidden])');
      const error = await page.textContent('#error');
      assert.match(error, message);
      assert.ok(error.includes(name), error);
      assert.deepEqual(await markTexts(page), before);
      assert.equal(await page.$eval('#source', (s) => s.value), ARTICLE);
      await context.close();
    });
  }

  test('each export format downloads and parses', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, seed(SEEDS[0])));
    const count = (await marks(page)).length;
    const checks = {
      w3c: (c, n) => {
        assert.match(n, /\.w3c\.jsonld$/);
        const d = JSON.parse(c);
        const items = Array.isArray(d) ? d : d.items || d.first?.items || d['@graph'] || [];
        assert.ok(JSON.stringify(d).includes('TextPositionSelector'), 'W3C selectors');
        assert.ok(items.length === 0 || items.length === count || JSON.stringify(d).length > 100);
      },
      displacy: (c, n) => {
        assert.match(n, /\.displacy\.json$/);
        const d = JSON.parse(c);
        const doc = Array.isArray(d) ? d[0] : d;
        assert.equal(typeof doc.text, 'string');
        assert.ok(Array.isArray(doc.ents) && doc.ents.length > 0);
      },
      csv: (c, n) => {
        assert.match(n, /\.entities\.csv$/);
        const lines = c.trim().split(/\r?\n/);
        assert.ok(lines.length > 1 && lines[0].includes(','), lines[0]);
      },
      'numbers-csv': (c, n) => {
        assert.match(n, /\.numbers\.csv$/);
        assert.ok(c.trim().split(/\r?\n/).length > 1);
      },
      'events-csv': (c, n) => {
        assert.match(n, /\.events\.csv$/);
        const lines = c.trim().split(/\r\n/);
        assert.match(lines[0], /^id,type,negated,count,qualifier/);
        assert.ok(lines.some((l) => l.includes(',killed,false,43,at_least,')), lines.join('\n'));
        // A fact whose place is on the map carries its point.
        assert.match(lines[0], /,place,lat,lon,place_inherited,/);
        assert.ok(lines.some((l) => /,-?\d+\.\d+,-?\d+\.\d+,(true|false),/.test(l)), lines.join('\n'));
      },
    };
    for (const [format, check] of Object.entries(checks)) {
      await page.selectOption('#format', format);
      const { name, content } = await exportDownload(page, '#export-other');
      check(content, name);
    }
    await context.close();
  });
});

describe('the overview panel', () => {
  test('entities with counts; choosing one highlights its mentions; rename and merge', async () => {
    const { context, page } = await open(getBrowser());
    await panelRendered(page, () => paste(page, seed(SEEDS[0])));
    const doc = JSON.parse((await exportDownload(page)).content);
    const actors = doc.entities.filter((e) => e.kind === 'actor');
    const shown = await page.$$eval('#panel ul[aria-label="Actors"] button.entity', (bs) =>
      bs.map((b) => [b.querySelector('.name').textContent, b.querySelector('.mentions').textContent]),
    );
    assert.deepEqual(shown, actors.map((e) => [e.name, ` ×${e.mentions.length}`]));

    // Choose the most mentioned actor: all its mentions are picked and the first has focus.
    const top = [...actors].sort((a, b) => b.mentions.length - a.mentions.length)[0];
    await page.click(`#panel button.entity[data-entity="${top.id}"]`);
    const picked = await page.$$eval('#view mark.picked', (ms) => ms.map((m) => m.dataset.id));
    assert.deepEqual(picked, top.mentions);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.id), top.mentions[0]);

    // Rename it.
    page.once('dialog', (d) => d.accept('Et nytt navn'));
    await panelRendered(page, () => page.click(`#panel button[data-rename="${top.id}"]`));
    const names = await page.$$eval('#panel button.entity .name', (ns) => ns.map((n) => n.textContent));
    assert.ok(names.includes('Et nytt navn'), names.join(' | '));

    // Merge two actors: one entity fewer.
    const before = await page.$$eval('#panel ul[aria-label="Actors"] li', (l) => l.length);
    const select = page.locator('#panel ul[aria-label="Actors"] select[data-merge]').nth(1);
    const into = await select.locator('option').nth(1).getAttribute('value');
    await panelRendered(page, () => select.selectOption(into));
    const after = await page.$$eval('#panel ul[aria-label="Actors"] li', (l) => l.length);
    assert.equal(after, before - 1);

    // The numbers table lists every number with its reading.
    const rows = await page.$$eval('#panel table.numbers tbody tr.number', (r) => r.length);
    assert.equal(rows, doc.annotations.filter((a) => a.kind === 'number').length);
    await context.close();
  });

  test('a long article lists 200 rows of a table at first; «Show more» adds the rest, in order', async () => {
    const { context, page } = await open(getBrowser());
    const one = `${seed(SEEDS[0])}\n\n${seed(SEEDS[1])}\n\n`;
    await panelRendered(page, () => paste(page, one.repeat(30)), 120000);
    const doc = JSON.parse((await exportDownload(page)).content);
    const numbers = doc.annotations.filter((a) => a.kind === 'number');
    assert.ok(numbers.length > 400, `${numbers.length} numbers`);
    const rows = () => page.$$eval('#panel table.numbers tbody tr.number button.go', (bs) => bs.map((b) => Number(b.dataset.go)));
    assert.equal((await rows()).length, 200);
    const more = page.locator('#panel table.numbers + button.show-more');
    assert.match(await more.textContent(), new RegExp(`^Show 200 more numbers \\(200 of ${numbers.length} shown\\)$`));
    for (let shown = 200; shown < numbers.length; shown += 200) {
      await more.click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('#panel table.numbers tbody tr.number').length === n,
        Math.min(numbers.length, shown + 200),
      );
    }
    assert.equal(await more.count(), 0, 'no button once all are shown');
    assert.deepEqual(await rows(), numbers.map((a) => a.start));
    // The facts table is cut the same way.
    const facts = await page.$$eval('#panel table.facts tbody tr.fact', (r) => r.length);
    assert.equal(facts, Math.min(200, doc.events.length));
    assert.equal(await page.locator('#panel table.facts + button.show-more').count(), doc.events.length > 200 ? 1 : 0);
    await context.close();
  });

  test('screenshots/panel.png shows the panel', async () => {
    const { context, page } = await open(getBrowser(), { viewport: { width: 1400, height: 2000 } });
    await panelRendered(page, () => paste(page, seed(SEEDS[0])));
    await page.locator('#panel').screenshot({ path: join(SHOTS, 'panel.png') });
    await context.close();
  });
});

describe('for everyone', () => {
  test('axe-core finds no serious or critical violations with a seed annotated', async () => {
    const { context, page } = await open(getBrowser());
    await panelRendered(page, () => paste(page, seed(SEEDS[0])));
    const axe = readFileSync(join(ROOT, 'tests', 'browser', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    // Evaluated through the DevTools protocol: the page's own CSP stays as it is.
    await page.evaluate(axe);
    const result = await page.evaluate(() => window.axe.run(document));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0].html}`),
      [],
    );
    assert.ok(result.passes.length > 10, 'axe really ran');
    await context.close();
  });

  test('dark mode and print', async () => {
    const { context, page } = await open(getBrowser(), { colorScheme: 'dark' });
    await rendered(page, () => paste(page, ARTICLE));
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(27, 28, 30)');
    await page.emulateMedia({ media: 'print' });
    assert.ok(!(await page.isVisible('#source')));
    assert.ok(!(await page.isVisible('#marktools')));
    assert.ok(await page.isVisible('#legend'));
    assert.ok(await page.isVisible('#view mark'));
    await context.close();
  });
});

describe('the facts table', () => {
  test('one row per event in the reader\'s words; a row shows its sentence; remove and correct survive an edit', async () => {
    const { context, page } = await open(getBrowser());
    await panelRendered(page, () => paste(page, seed(SEEDS[0])));
    const doc = JSON.parse((await exportDownload(page)).content);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    const rows = await page.$$eval('#panel table.facts tbody tr.fact', (rs) =>
      rs.map((r) => r.querySelector('td').textContent),
    );
    assert.equal(rows.length, doc.events.length);
    assert.ok(
      rows.includes('minst 43 mennesker drept — av amerikanskledede luftangrep — mot IS-lommen — Lørdag'),
      rows.join('\n'),
    );
    assert.ok(rows.includes('ingen sivile drept — kilde: Sean Ryan'), rows.join('\n'));

    // Choosing the row highlights its sentence and picks the marks of its parts.
    const killed = doc.events.find((e) => doc.annotations.find((a) => a.id === e.count)?.text === 'minst 43');
    await page.click(`#panel button.fact[data-fact="${killed.id}"]`);
    const shown = await page.evaluate(() => [...CSS.highlights.get('tusj-fact')][0].toString());
    assert.equal(shown, codePointSlice(doc.text, killed.start, killed.end));
    const picked = await page.$$eval('#view mark.picked', (ms) => ms.map((m) => m.textContent));
    assert.ok(picked.includes('minst 43'), picked.join(' | '));

    // Remove the denial, and clear the time of the first: both are corrections.
    const denial = doc.events.find((e) => e.negated);
    await panelRendered(page, () => page.click(`#panel button[data-remove-fact="${denial.id}"]`));
    page.once('dialog', (d) => d.accept(''));
    await panelRendered(page, () => page.selectOption(`#panel select[data-fix-fact="${killed.id}"]`, 'time'));
    const check = async () => {
      const now = JSON.parse((await exportDownload(page)).content);
      assert.ok(validate(now), JSON.stringify(validate.errors));
      assert.equal(now.events.length, doc.events.length - 1);
      assert.ok(!now.events.some((e) => e.negated), 'the denial stays removed');
      const fixed = now.events.find((e) => now.annotations.find((a) => a.id === e.count)?.text === 'minst 43');
      assert.equal(fixed.time, null);
      assert.deepEqual(now.corrections.map((c) => c.op), ['event', 'event']);
    };
    await check();
    // An edit before them (a new paragraph above «Luftangrep») moves both and keeps them.
    await panelRendered(page, async () => {
      const at = await page.$eval('#source', (s) => s.value.indexOf('Luftangrep'));
      await page.focus('#source');
      await page.$eval('#source', (s, i) => s.setSelectionRange(i, i), at);
      await page.keyboard.type('Kort om saken. ');
    });
    await check();
    await context.close();
  });

  test('screenshots/facts.png shows the facts table', async () => {
    const { context, page } = await open(getBrowser(), { viewport: { width: 1400, height: 2000 } });
    await panelRendered(page, () => paste(page, seed(SEEDS[0])));
    await page.locator('#panel table.facts').screenshot({ path: join(SHOTS, 'facts.png') });
    await context.close();
  });
});
