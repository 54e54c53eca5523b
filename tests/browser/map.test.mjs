// The map of the places (SPEC §2c): it draws the seeds' linked places, choosing a point shows
// its mentions, choosing a place in the overview shows it on the map, and nothing is fetched.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, PAGE_URL, SEEDS, seed, useBrowser, open, paste, panelRendered, cliAnnotate, ROOT } from './helpers.mjs';

const getBrowser = useBrowser();

function assertOffline(requests) {
  const foreign = requests.filter((u) => u !== PAGE_URL && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'the page made network requests');
}

describe('the map', () => {
  for (const name of SEEDS) {
    test(`${name}: one point per linked place, and a point shows its mentions`, async () => {
      const { context, page, requests, errors } = await open(getBrowser());
      await panelRendered(page, () => paste(page, seed(name)));
      const want = cliAnnotate(join(ROOT, 'seeds', name)).entities.filter((e) => e.geo);
      assert.ok(want.length >= 3, `the core links ${want.length} places`);
      const points = await page.$$eval('#map circle.place', (cs) => cs.map((c) => ({ id: c.dataset.entity, label: c.getAttribute('aria-label') })));
      assert.deepEqual(points.map((p) => p.id).sort(), want.map((e) => e.id).sort());
      assert.ok((await page.$$eval('#map .land path', (ps) => ps.length)) > 5, 'country shapes are drawn');
      // A click on a point that is not covered chooses it too.
      const free = await page.$$eval('#map circle.place', (cs) => {
        const hit = cs.find((c) => {
          const r = c.getBoundingClientRect();
          return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === c;
        });
        return hit ? hit.dataset.entity : null;
      });
      assert.ok(free, 'some point is reachable by mouse');
      await page.click(`#map circle[data-entity="${free}"]`);
      assert.equal(await page.$eval('#map circle.chosen', (c) => c.dataset.entity), free);
      const top = want.sort((a, b) => b.mentions.length - a.mentions.length)[0];
      // Points may overlap (Raqqa beside Syria's middle): reach it by keyboard, as a person can.
      await page.focus(`#map circle[data-entity="${top.id}"]`);
      await page.keyboard.press('Enter');
      const picked = await page.$$eval('#view mark.picked', (ms) => ms.map((m) => m.dataset.entity));
      assert.equal(picked.length, top.mentions.length);
      assert.ok(picked.every((e) => e === top.id));
      assert.match(await page.textContent('#status'), new RegExp(`${top.name}: ${top.mentions.length} mention`));
      // Choosing another place in the overview lights up its point.
      const other = want.find((e) => e.id !== top.id);
      await page.click(`#panel button.entity[data-entity="${other.id}"]`);
      assert.equal(await page.$eval('#map circle.chosen', (c) => c.dataset.entity), other.id);
      // The overview names each linked place's country.
      const countries = await page.$$eval('#panel .country', (cs) => cs.map((c) => c.textContent));
      assert.ok(countries.some((c) => /Syria/.test(c)), `countries: ${countries}`);
      assert.deepEqual(errors, []);
      assertOffline(requests);
      await context.close();
    });
  }

  for (const scheme of ['light', 'dark']) {
    for (const [i, name] of SEEDS.entries()) {
      test(`screenshots/map-${i}-${scheme}.png shows the map of ${name}`, async () => {
        const { context, page } = await open(getBrowser(), { viewport: { width: 1200, height: 900 }, colorScheme: scheme });
        await panelRendered(page, () => paste(page, seed(name)));
        await page.locator('#map-panel').screenshot({ path: join(SHOTS, `map-${i}-${scheme}.png`) });
        await context.close();
      });
    }
  }
});
