// The worker answers numbersTable and factsTable from the parts of a document they read
// (www/worker.js, TABLE_CALLS): its rows must be the core's rows for the whole document.
// Runs the built page's own worker source and wasm (dist/tusj.html) in Node, no browser.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { PAGE, SEEDS, seed, seedsRepeated } from './helpers.mjs';

let worker; // the vm context: the wasm-bindgen glue and the worker's source
const answers = [];

// The text of the page's <script id=…> block.
function block(html, id) {
  const found = html.match(new RegExp(`<script id="${id}"[^>]*>([\\s\\S]*?)</script>`));
  assert.ok(found, `the page has a ${id} block`);
  return found[1];
}
const unpacked = (html, id) => new Uint8Array(gunzipSync(Buffer.from(block(html, id).trim(), 'base64')));

before(async () => {
  const html = readFileSync(PAGE, 'utf8');
  worker = vm.createContext({
    console,
    TextEncoder,
    TextDecoder,
    WebAssembly,
    self: { postMessage: (m) => answers.push(m) },
    module: await WebAssembly.compile(unpacked(html, 'tusj-wasm')),
    model: unpacked(html, 'tusj-model'),
    places: unpacked(html, 'tusj-places'),
  });
  vm.runInContext(`${block(html, 'tusj-glue')}\n${block(html, 'tusj-worker')}`, worker);
  await vm.runInContext('wasm_bindgen({ module_or_path: module }).then(() => wasm_bindgen.loadData(model, places))', worker);
});

// The worker's answer to {fn, args: [doc]}: rows (put together from chunks when there are many).
async function ask(fn, doc) {
  const id = answers.length + 1;
  worker.request = { id, fn, args: [doc] };
  await vm.runInContext('self.onmessage({ data: request })', worker);
  const answer = answers.find((a) => a.id === id);
  assert.ok(answer && answer.error === undefined, `${fn}: ${answer?.error}`);
  const r = answer.result;
  return Array.isArray(r.rowChunks) ? r.rowChunks.flatMap((c) => JSON.parse(c)) : r;
}

async function assertTables(text, corrections = []) {
  worker.args = [text, corrections];
  const doc = vm.runInContext('JSON.parse(wasm_bindgen.applyJson(...args)).document', worker);
  worker.doc = doc;
  for (const fn of ['numbersTable', 'factsTable']) {
    const core = JSON.stringify(vm.runInContext(`wasm_bindgen.${fn}(doc)`, worker));
    assert.equal(JSON.stringify(await ask(fn, doc)), core, fn);
    assert.ok(JSON.parse(core).length > 0, `${fn} has rows`);
  }
  return doc;
}

test('the worker\'s numbers and facts tables are the core\'s, for the seeds and a 1 MB article', async () => {
  for (const name of SEEDS) await assertTables(seed(name));
  const doc = await assertTables(seedsRepeated(1_000_000));
  assert.ok(doc.events.length > 250, `${doc.events.length} events: the facts go in several parts`);
});

test('and with corrections: a fact removed, a fact\'s field set, a number read anew', async () => {
  const text = seed(SEEDS[0]);
  worker.text = text;
  const doc = vm.runInContext('JSON.parse(wasm_bindgen.applyJson(text, [])).document', worker);
  worker.doc = doc;
  const counted = doc.events.find((e) => e.count);
  const number = doc.annotations.find((a) => a.id === counted.count);
  worker.ids = [doc.events[0].id, doc.events[1].id];
  const corrections = vm.runInContext(
    `[wasm_bindgen.eventCorrection(doc, ids[0], true, '', null), wasm_bindgen.eventCorrection(doc, ids[1], false, 'time', null)]`,
    worker,
  );
  corrections.push({ op: 'reading', start: number.start, end: number.end, text: number.text, value: 99, qualifier: 'exact', upper: null, unit: null });
  const corrected = await assertTables(text, corrections);
  assert.ok(corrected.events.length < doc.events.length, 'a fact is removed');
  assert.equal(corrected.annotations.find((a) => a.start === number.start).value, 99, 'the number is read anew');
});

test('anything not shaped like a document gets the core\'s own message', async () => {
  for (const fn of ['numbersTable', 'factsTable']) {
    for (const doc of [null, 'text', { annotations: 'none', events: [] }]) {
      const id = answers.length + 1;
      worker.request = { id, fn, args: [doc] };
      await vm.runInContext('self.onmessage({ data: request })', worker);
      const answer = answers.find((a) => a.id === id);
      assert.match(String(answer.error), /not a tusj document/, `${fn}(${JSON.stringify(doc)})`);
    }
  }
});
