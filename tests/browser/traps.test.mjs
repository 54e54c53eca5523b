// Issue 12: the traps a journalist met while correcting an article, each driven as a person
// acts (keys, clicks, clipboard, downloads), and corrections by name: one key or button for
// one mention or for every mention of the same name, one Undo for the whole step.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SEEDS, seed, useBrowser, open, paste, rendered, panelRendered, marks, markTexts, selectInSource, focusMark,
  exportDownload,
} from './helpers.mjs';

const ARTICLE =
  'Talsperson Sean Ryan sier at koalisjonen angrep mål i Deir al-Zor lørdag. ' +
  'Ifølge SOHR ble minst 43 mennesker drept i Syria.';
const getBrowser = useBrowser();

const active = (page) => page.evaluate(() => document.activeElement.id || document.activeElement.textContent);

// Double-clicks the first occurrence of `word` that is not inside a highlight, as a person
// selects a word with the mouse.
async function doubleClickWord(page, word) {
  const at = await page.evaluate((w) => {
    const walk = document.createTreeWalker(document.getElementById('view'), NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const i = n.data.indexOf(w);
      if (i < 0 || n.parentElement.closest('mark')) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 2);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return null;
  }, word);
  assert.ok(at, `«${word}» is shown unmarked`);
  await page.mouse.dblclick(at.x, at.y);
}

describe('no traps', () => {
  test('trap 1: after Alt+A in the text box the focus stays there and typing goes on in the text', async () => {
    const { context, page, errors } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    const before = await markTexts(page);
    await selectInSource(page, 'koalisjonen');
    await rendered(page, () => page.keyboard.press('Alt+a'));
    assert.equal(await active(page), 'source', 'the text box keeps the focus');
    assert.ok((await marks(page)).some((m) => m.text === 'koalisjonen' && m.kind === 'actor'));
    const marked = await markTexts(page);

    // Go on typing, as a person does: the letters land in the text, no highlight changes.
    await page.keyboard.press('Control+End');
    await rendered(page, () => page.keyboard.type(' Han sa nei.'));
    assert.equal(await page.$eval('#source', (s) => s.value), `${ARTICLE} Han sa nei.`);
    const after = await markTexts(page);
    assert.deepEqual(after.slice(0, marked.length), marked, 'no highlight was relabelled');
    assert.ok(before.every((m) => after.includes(m)));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('trap 2: reopening the page puts the caret at the start of the article', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    await page.reload();
    await page.waitForSelector('#view[data-rendered]');
    assert.equal(await active(page), 'source');
    assert.deepEqual(await page.$eval('#source', (s) => [s.selectionStart, s.selectionEnd]), [0, 0]);
    await rendered(page, () => page.keyboard.type('OSLO: '));
    assert.equal(await page.$eval('#source', (s) => s.value), `OSLO: ${ARTICLE}`);
    await context.close();
  });

  test('trap 2: Ctrl+V of a new article into one asks; Enter makes it a new article with its own export name', async () => {
    // The name a fresh page gives the seed's export.
    const fresh = await open(getBrowser());
    await rendered(fresh.page, () => paste(fresh.page, seed(SEEDS[1])));
    const seedName = (await exportDownload(fresh.page)).name;
    await fresh.context.close();

    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    const firstName = (await exportDownload(page)).name;
    await page.focus('#source');
    await page.keyboard.press('Control+End');
    await paste(page, seed(SEEDS[1]));
    await page.waitForSelector('#paste-ask[open]', { timeout: 5000 });
    assert.match(await page.textContent('#paste-ask'), /new article/i);
    assert.equal(await page.$eval('#source', (s) => s.value), ARTICLE, 'nothing is added before the answer');

    await rendered(page, () => page.keyboard.press('Enter')); // the default: a new article
    assert.equal(await page.$eval('#source', (s) => s.value), seed(SEEDS[1]));
    assert.equal(await page.$eval('#view', (v) => v.textContent), seed(SEEDS[1]));
    const { name } = await exportDownload(page);
    assert.equal(name, seedName);
    assert.notEqual(name, firstName);

    // «Insert here» puts a paste at the caret; Escape pastes nothing.
    await page.focus('#source');
    await page.$eval('#source', (s) => s.setSelectionRange(0, 0));
    const extra = 'Første linje.\nAndre linje.';
    await paste(page, extra);
    await page.waitForSelector('#paste-ask[open]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#paste-ask', { state: 'hidden' });
    assert.equal(await page.$eval('#source', (s) => s.value), seed(SEEDS[1]));
    await paste(page, extra);
    await page.waitForSelector('#paste-ask[open]');
    await rendered(page, () => page.click('#paste-insert'));
    assert.equal(await page.$eval('#source', (s) => s.value), extra + seed(SEEDS[1]));

    // Undo goes back step by step to the first article.
    await rendered(page, () => page.keyboard.press('Control+z'));
    await rendered(page, () => page.keyboard.press('Control+z'));
    assert.equal(await page.$eval('#source', (s) => s.value), ARTICLE);
    await context.close();
  });

  test('trap 3: a new mark gets the type the model finds likely, not the one the Type list shows', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    await focusMark(page, 'Sean Ryan');
    assert.equal(await page.$eval('#marktype', (s) => s.value), 'person');
    await selectInSource(page, 'koalisjonen');
    await rendered(page, () => page.keyboard.press('Alt+a'));
    const added = (await marks(page)).find((m) => m.text === 'koalisjonen');
    assert.equal(added.kind, 'actor');
    assert.notEqual(added.type, 'person', 'the model does not read «koalisjonen» as a person');
    await context.close();
  });

  test('trap 3: the Type list relabels the highlight it is used on, and nothing after the person left it', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    await focusMark(page, 'Sean Ryan');
    // Leave the highlight for the text box, then touch the Type list (to "preset" a type).
    await page.click('#source');
    if (!(await page.isDisabled('#marktype'))) await page.selectOption('#marktype', 'organisation');
    // Any later step is drawn after that change, had it relabelled something.
    await selectInSource(page, 'koalisjonen');
    await rendered(page, () => page.keyboard.press('Alt+p'));
    assert.ok((await markTexts(page)).includes('actor/person:Sean Ryan'), (await markTexts(page)).join(' | '));

    // Used on the highlight itself, the list relabels it.
    await focusMark(page, 'Sean Ryan');
    assert.match(await page.textContent('#marktarget'), /Sean Ryan/);
    await rendered(page, () => page.selectOption('#marktype', 'organisation'));
    assert.ok((await markTexts(page)).includes('actor/organisation:Sean Ryan'));
    await context.close();
  });

  test('trap 3: a selection left over elsewhere does not win over the focused highlight', async () => {
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, ARTICLE));
    await doubleClickWord(page, 'koalisjonen');
    assert.equal(await page.evaluate(() => String(window.getSelection())), 'koalisjonen');
    await page.keyboard.press('Tab'); // to the article's highlights; the selection stays
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'MARK');
    const focused = await page.evaluate(() => document.activeElement.textContent);
    await rendered(page, () => page.keyboard.press('p'));
    const now = await marks(page);
    assert.ok(!now.some((m) => m.text === 'koalisjonen'), 'the old selection was not marked');
    assert.equal(now.find((m) => m.text === focused)?.kind, 'place', `«${focused}» was relabelled`);
    await context.close();
  });

  test('trap 4: renaming an entity to a name that already exists joins the two', async () => {
    const { context, page } = await open(getBrowser());
    await panelRendered(page, () => paste(page, seed(SEEDS[0])));
    const doc = JSON.parse((await exportDownload(page)).content);
    const [keep, other] = doc.entities.filter((e) => e.kind === 'actor');
    const names = () => page.$$eval('#panel ul[aria-label="Actors"] button.entity .name', (ns) => ns.map((n) => n.textContent));
    const before = await names();
    page.once('dialog', (d) => d.accept(keep.name));
    await panelRendered(page, () => page.click(`#panel button[data-rename="${other.id}"]`));
    const after = await names();
    assert.equal(after.length, before.length - 1, after.join(' | '));
    assert.equal(after.filter((n) => n === keep.name).length, 1, 'one entity of that name');
    const joined = await page.$eval(
      `#panel ul[aria-label="Actors"] li:has(button.entity .name:text-is("${keep.name}")) .mentions`,
      (m) => m.textContent,
    ).catch(() => null);
    if (joined !== null) assert.equal(joined, ` ×${keep.mentions.length + other.mentions.length}`);
    assert.match(await page.textContent('#status'), /Joined/);
    await context.close();
  });
});

describe('corrections by name', () => {
  // The actor entity with the most mentions in seed 000, and its first mark focused.
  async function focusBusiestActor(page) {
    await panelRendered(page, () => paste(page, seed(SEEDS[0])));
    const doc = JSON.parse((await exportDownload(page)).content);
    const top = doc.entities.filter((e) => e.kind === 'actor').sort((a, b) => b.mentions.length - a.mentions.length)[0];
    assert.ok(top.mentions.length >= 2, `${top.name} has several mentions`);
    await page.click(`#panel button.entity[data-entity="${top.id}"]`); // focuses its first mention
    assert.equal(await page.evaluate(() => document.activeElement.dataset.id), top.mentions[0]);
    return { doc, top };
  }

  test('Shift+Delete removes every mention of a name; the page says so; one Undo brings them all back', async () => {
    const { context, page, errors } = await open(getBrowser());
    const { doc, top } = await focusBusiestActor(page);
    const original = await markTexts(page);
    const ids = new Set(top.mentions);
    const texts = doc.annotations.filter((a) => ids.has(a.id)).map((a) => a.text);
    await rendered(page, () => page.keyboard.press('Shift+Delete'));
    const left = await marks(page);
    assert.equal(left.length, original.length - top.mentions.length);
    for (const t of new Set(texts)) assert.ok(!left.some((m) => m.text === t && m.kind === 'actor'), `«${t}» is gone`);
    const status = await page.textContent('#status');
    assert.equal(status, `Removed ${top.mentions.length} mentions of «${top.name}». — Undo`);
    await rendered(page, () => page.click('#status button:text("Undo")'));
    assert.deepEqual(await markTexts(page), original);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('Shift+P relabels every mention, p only the focused one; Ctrl+Z undoes each step whole', async () => {
    const { context, page } = await open(getBrowser());
    const { top } = await focusBusiestActor(page);
    const original = await markTexts(page);
    const kindsOf = () => page.$$eval('#view mark[data-entity]', (ms) => ms.map((m) => m.dataset.kind));
    await rendered(page, () => page.keyboard.press('p'));
    assert.equal((await markTexts(page)).filter((m, i) => m !== original[i]).length, 1, 'one mention changed');
    await rendered(page, () => page.keyboard.press('Control+z'));
    assert.deepEqual(await markTexts(page), original);

    await page.click(`#panel button.entity[data-entity="${top.id}"]`);
    await rendered(page, () => page.keyboard.press('Shift+P'));
    const changed = (await markTexts(page)).filter((m, i) => m !== original[i]);
    assert.equal(changed.length, top.mentions.length, changed.join(' | '));
    assert.ok(changed.every((m) => m.startsWith('place/')));
    assert.match(await page.textContent('#status'), new RegExp(`^${top.mentions.length} mentions of «.+» are now geopolitical\\.`));
    await rendered(page, () => page.keyboard.press('Control+z'));
    assert.deepEqual(await markTexts(page), original);
    assert.ok((await kindsOf()).length > 0);
    await context.close();
  });

  test('the toolbar says «Remove all N mentions» and «Set all N mentions», and does it', async () => {
    const { context, page } = await open(getBrowser());
    const { top } = await focusBusiestActor(page);
    const n = top.mentions.length;
    assert.equal(await page.textContent('#unmark-all'), `Remove all ${n} mentions`);
    assert.equal(await page.textContent('#relabel-all'), `Set all ${n} mentions to this type`);
    const before = await marks(page);
    const focused = await page.evaluate(() => document.activeElement.dataset.start);
    // Choose a type in the list, then apply it to every mention with the button. (The
    // mouse: choosing in the list relabels the focused mention, the button all the others.)
    const type = top.type === 'state' ? 'person' : 'state';
    await rendered(page, () => page.selectOption('#marktype', type));
    await rendered(page, () => page.click('#relabel-all'));
    const relabelled = await page.$$eval(`#view mark[data-type="${type}"][data-source="user"]`, (ms) => ms.length);
    assert.equal(relabelled, n);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.start), focused, 'the focus stays');
    await rendered(page, () => page.click('#unmark-all'));
    assert.equal((await marks(page)).length, before.length - n);
    assert.match(await page.textContent('#status'), new RegExp(`^Removed ${n} mentions of «`));
    await context.close();
  });

  test('Alt+Shift+A on words selected in the text box marks every whole-word occurrence; one Undo', async () => {
    const text = `${ARTICLE} Senere trakk koalisjonen seg ut, og koalisjonens fly landet.`;
    const { context, page } = await open(getBrowser());
    await rendered(page, () => paste(page, text));
    const original = await markTexts(page);
    await selectInSource(page, 'koalisjonen');
    await rendered(page, () => page.keyboard.press('Alt+Shift+A'));
    const user = await page.$$eval('#view mark[data-source="user"]', (ms) => ms.map((m) => [m.textContent, m.dataset.kind]));
    assert.deepEqual(user, [['koalisjonen', 'actor'], ['koalisjonen', 'actor']], 'not «koalisjonens»');
    assert.match(await page.textContent('#status'), /^Marked 2 occurrences of «koalisjonen» as \w+\. — Undo$/);
    assert.equal(await active(page), 'source');
    await rendered(page, () => page.keyboard.press('Control+z'));
    assert.deepEqual(await markTexts(page), original);
    await context.close();
  });

  test('short forms join their full names when the article gives the evidence', async () => {
    const { context, page } = await open(getBrowser());
    const text =
      'Fremskrittspartiet (Frp) vil kutte i bompengene, sier lederen. ' +
      'Frp fikk støtte fra Høyre, men Arbeiderpartiet sa nei. H og Ap sa nei.';
    await panelRendered(page, () => paste(page, text));
    const shown = await page.$$eval('#panel ul[aria-label="Actors"] button.entity', (bs) =>
      bs.map((b) => b.textContent),
    );
    assert.deepEqual(shown, [
      'Fremskrittspartiet (Frp) organisation ×3, 3 mentions',
      'Høyre (H) organisation ×2, 2 mentions',
      'Arbeiderpartiet (Ap) organisation ×2, 2 mentions',
    ]);
    await context.close();
  });
});
