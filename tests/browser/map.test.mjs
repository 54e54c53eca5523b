// The map of the places (SPEC §2c): it draws the seeds' linked places in the article's region
// and names those beyond it, hovering names a point, choosing a point shows its mentions,
// choosing a place in the text or the overview shows it on the map, the overview names each
// place's country, the places export as GeoJSON, the map reads in dark mode and on paper, and
// nothing is fetched.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, SHOTS, PAGE_URL, SEEDS, seed, useBrowser, open, paste, panelRendered, cliAnnotate, ROOT } from './helpers.mjs';

const getBrowser = useBrowser();

function assertOffline(requests) {
  const foreign = requests.filter((u) => u !== PAGE_URL && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'the page made network requests');
}

// WCAG contrast of two computed colours («rgb(r, g, b)»).
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const x = Number(v) / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// The map's colours as drawn: the sea, the land, a point's fill and rim, a label and its halo.
function mapColours(page) {
  return page.evaluate(() => {
    const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
    return {
      sea: css('#map .sea', 'fill'),
      land: css('#map .land path', 'fill'),
      point: css('#map circle.place', 'fill'),
      rim: css('#map circle.place', 'stroke'),
      label: css('#map .points text', 'fill'),
      halo: css('#map .points text', 'stroke'),
    };
  });
}

function assertReadable(c, where) {
  assert.ok(contrast(c.label, c.halo) >= 4.5, `${where}: labels ${c.label} on ${c.halo}`);
  assert.ok(contrast(c.rim, c.land) >= 3, `${where}: a point's rim ${c.rim} on the land ${c.land}`);
  assert.ok(contrast(c.rim, c.sea) >= 3, `${where}: a point's rim ${c.rim} on the sea ${c.sea}`);
  assert.notEqual(c.land, c.sea, `${where}: land and sea differ`);
}

describe('the map', () => {
  for (const name of SEEDS) {
    test(`${name}: one point per linked place in the frame, and a point shows its mentions`, async () => {
      const { context, page, requests, errors } = await open(getBrowser());
      await panelRendered(page, () => paste(page, seed(name)));
      const want = cliAnnotate(join(ROOT, 'seeds', name)).entities.filter((e) => e.geo);
      assert.ok(want.length >= 3, `the core links ${want.length} places`);
      const points = await page.$$eval('#map circle.place', (cs) => cs.map((c) => ({ id: c.dataset.entity, label: c.getAttribute('aria-label') })));
      const beyond = await page.$$eval('#map button.beyond-place', (bs) => bs.map((b) => b.dataset.entity));
      // Every linked place is a point on the map or named beyond its frame, never both.
      assert.deepEqual([...points.map((p) => p.id), ...beyond].sort(), want.map((e) => e.id).sort());
      // The count is of the points on the map, not of the places beyond it.
      assert.equal(await page.textContent('#map-count'), String(points.length));
      assert.ok((await page.$$eval('#map .land path', (ps) => ps.length)) > 5, 'country shapes are drawn');
      // It zooms to the article's region: its places are on the map, and the frame is no
      // wider than the region (the USA and Russia acting in a Syrian article lie beyond it).
      for (const e of want.filter((x) => x.kind === 'place')) assert.ok(points.some((p) => p.id === e.id), `${e.name} is on the map`);
      const far = want.filter((e) => ['US', 'RU'].includes(e.geo.country)).map((e) => e.id);
      assert.deepEqual(beyond.sort(), far.sort());
      // Hovering a point names it, with the data's name and country.
      const deir = want.find((e) => e.name === 'Deir al-Zor');
      assert.match(points.find((p) => p.id === deir.id).label, /^Deir al-Zor \(Deir ez-Zor, Syria\): \d+ mentions?$/);
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
      const freeMarks = await page.$$eval('#view mark.picked', (ms) => ms.map((m) => m.dataset.entity));
      assert.equal(freeMarks.length, want.find((e) => e.id === free).mentions.length);
      assert.ok(freeMarks.every((e) => e === free));
      const top = want.filter((e) => points.some((p) => p.id === e.id)).sort((a, b) => b.mentions.length - a.mentions.length)[0];
      // Points may overlap (Raqqa beside Syria's middle): reach it by keyboard, as a person can.
      await page.focus(`#map circle[data-entity="${top.id}"]`);
      await page.keyboard.press('Enter');
      const picked = await page.$$eval('#view mark.picked', (ms) => ms.map((m) => m.dataset.entity));
      assert.equal(picked.length, top.mentions.length);
      assert.ok(picked.every((e) => e === top.id));
      assert.match(await page.textContent('#status'), new RegExp(`${top.name}: ${top.mentions.length} mention`));
      // Choosing another place in the overview lights up its point.
      const other = want.find((e) => e.id !== top.id && points.some((p) => p.id === e.id));
      await page.click(`#panel button.entity[data-entity="${other.id}"]`);
      assert.equal(await page.$eval('#map circle.chosen', (c) => c.dataset.entity), other.id);
      // Choosing a place in the text lights up its point.
      await page.click(`#view mark[data-entity="${top.id}"]`);
      assert.equal(await page.$eval('#map circle.chosen', (c) => c.dataset.entity), top.id);
      // A place beyond the frame is chosen by its name below the map.
      for (const id of beyond) {
        await page.click(`#map button.beyond-place[data-entity="${id}"]`);
        const marks = await page.$$eval('#view mark.picked', (ms) => ms.map((m) => m.dataset.entity));
        assert.equal(marks.length, want.find((e) => e.id === id).mentions.length);
        assert.ok(marks.every((e) => e === id));
        assert.equal(await page.$eval('#map .chosen', (c) => c.dataset.entity), id);
      }
      // The overview names each linked place's country, in Norwegian.
      const countries = await page.$$eval('#panel .country', (cs) => cs.map((c) => c.textContent));
      assert.equal(countries.length, want.filter((e) => e.geo.country).length, `countries: ${countries}`);
      assert.ok(countries.some((c) => /Syria/.test(c)), `countries: ${countries}`);
      if (far.length) assert.ok(countries.some((c) => /Russland/.test(c)), `countries: ${countries}`);
      // The places export as GeoJSON: one Feature per linked place, at [lon, lat].
      await page.selectOption('#format', 'geojson');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-other')]);
      assert.match(download.suggestedFilename(), /\.places\.geojson$/);
      const file = join(OUT, download.suggestedFilename());
      await download.saveAs(file);
      const fc = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(fc.type, 'FeatureCollection');
      assert.deepEqual(
        fc.features.map((f) => [f.id, f.properties.name, f.properties.mentions, ...f.geometry.coordinates]).sort(),
        want.map((e) => [e.id, e.name, e.mentions.length, e.geo.lon, e.geo.lat]).sort(),
      );
      assert.deepEqual(errors, []);
      assertOffline(requests);
      await context.close();
    });
  }

  test('frames 200,000 places as it frames their outermost four', async () => {
    // (More points than a call takes arguments, about 120,000 in Chromium: the frame was
    // found with Math.min(...lons), which threw «Maximum call stack size exceeded».)
    const { context, page } = await open(getBrowser());
    const [many, few] = await page.evaluate(() => {
      const points = [];
      let seed = 1;
      const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      for (let i = 0; i < 200000; i++) points.push([4 + 20 * next(), 56 + 10 * next()]);
      const outer = [0, 1].flatMap((axis) => [
        points.reduce((a, b) => (b[axis] < a[axis] ? b : a)),
        points.reduce((a, b) => (b[axis] > a[axis] ? b : a)),
      ]);
      return [frame(points), frame(outer)];
    });
    assert.equal(many.type, 'Polygon');
    assert.deepEqual(many, few);
    await context.close();
  });

  test('the map is readable in light and dark mode, and on paper', async () => {
    for (const scheme of ['light', 'dark']) {
      const { context, page, requests } = await open(getBrowser(), { colorScheme: scheme });
      await panelRendered(page, () => paste(page, seed(SEEDS[0])));
      const screen = await mapColours(page);
      assertReadable(screen, scheme);
      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.isVisible('#map svg'), `${scheme}, print: the map is printed`);
      const paper = await mapColours(page);
      assertReadable(paper, `${scheme}, print`);
      // On paper the sea is white, whatever the screen's scheme.
      assert.equal(paper.sea, 'rgb(255, 255, 255)', `${scheme}, print`);
      assertOffline(requests);
      await context.close();
    }
  });

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
