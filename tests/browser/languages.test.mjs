// A paragraph in another language: the core marks nothing there by Norwegian rules
// (`other_languages` in the document); the page gives the paragraph its `lang`, a dotted rule
// and a note under the legend, and takes them away when the paragraph is gone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useBrowser, open, paste, rendered, exportDownload } from './helpers.mjs';

const getBrowser = useBrowser();

const NORWEGIAN = 'Statsminister Jonas Gahr Støre møtte tre ministre i Oslo tirsdag.';
const ENGLISH =
  'The minister said on Tuesday that the talks would go on, and that two of the parties had agreed to meet again in London next week.';
const CLOSING = 'Regjeringen vil legge fram forslaget i mars, sier Støre til NTB.';

async function flagged(page) {
  return page.$$eval('#view .para', (ps) =>
    ps.map((p) => ({ lang: p.lang, foreign: p.classList.contains('foreign'), marks: p.querySelectorAll('mark').length, text: p.textContent.trim() })),
  );
}

describe('a paragraph in another language', () => {
  test('gets its lang, a dotted rule and a note, no marks; the export lists it; gone when the paragraph is', async () => {
    const { context, page, errors } = await open(getBrowser());
    await rendered(page, () => paste(page, `${NORWEGIAN}\n\n${ENGLISH}\n\n${CLOSING}\n`));
    const paras = await flagged(page);
    assert.equal(paras.length, 3, JSON.stringify(paras));
    assert.deepEqual(paras.map((p) => [p.lang, p.foreign]), [['', false], ['en', true], ['', false]]);
    assert.equal(paras[1].marks, 0, 'nothing marked in the English paragraph');
    assert.ok(paras[0].marks > 0 && paras[2].marks > 0, 'the Norwegian paragraphs are marked');
    const note = await page.textContent('#legend .languages');
    assert.match(note, /^Paragraph 2 «The minister said on…» looks English: no names or numbers marked there/);
    // The export says the same.
    const json = JSON.parse((await exportDownload(page)).content);
    assert.deepEqual(json.other_languages.map((o) => o.language), ['en']);
    // axe: the lang given is valid, and nothing else broke.
    await page.evaluate(readFileSync(join(ROOT, 'tests', 'browser', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const result = await page.evaluate(() => window.axe.run('#view', { runOnly: ['valid-lang', 'html-xml-lang-mismatch'] }));
    assert.deepEqual(result.violations.map((v) => v.id), []);
    // Edited away: no flag and no note left.
    await rendered(page, async () => {
      await page.fill('#source', `${NORWEGIAN}\n\n${CLOSING}\n`);
    });
    assert.deepEqual((await flagged(page)).map((p) => [p.lang, p.foreign]), [['', false], ['', false]]);
    assert.equal(await page.$('#legend .languages'), null);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
