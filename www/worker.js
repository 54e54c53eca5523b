// The annotator's thread. build.mjs prepends the wasm-bindgen glue (which defines the global
// `wasm_bindgen`), and www/js/core.js starts this code as a Worker from a blob: URL, so that
// annotating a long article never freezes the page. Messages: {wasm} (base64 of the gzipped
// module) or {module} once (answered {ready, module}), {data: {model, places}} once (base64 of gzip; unpacked here, handed to the core
// and decoded at once, answered {warm}), then {id, fn, args}.
'use strict';

// Only these core functions may be called from the page.
const CALLS = [
  'annotate',
  'applyJson',
  'rebase',
  'markCorrection',
  'markAll',
  'likelyType',
  'openJson',
  'exportJson',
  'exportAs',
  'fileName',
  'mediaType',
  'numbersTable',
  'factsTable',
  'eventCorrection',
  'kinds',
  'qualifiers',
  'version',
];
// These need the model or the place table, so they wait until the data is in.
const NEEDS_DATA = new Set(['annotate', 'applyJson']);

let gotData;
const dataIn = new Promise((resolve) => (gotData = resolve));

async function load(data) {
  try {
    const [model, places] = await Promise.all([unpack(data.model), unpack(data.places)]);
    wasm_bindgen.loadData(model, places);
    gotData();
    wasm_bindgen.warm();
    self.postMessage({ warm: true });
  } catch (err) {
    gotData(); // the calls then fail with the core's own message
    self.postMessage({ warm: false, error: String((err && err.message) || err) });
  }
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.module || msg.wasm) {
    try {
      // The first worker unpacks and compiles the wasm and sends the module back to the page,
      // which starts any later worker from it.
      const module = msg.module || (await WebAssembly.compile(await unpack(msg.wasm)));
      await wasm_bindgen({ module_or_path: module });
      self.postMessage({ ready: true, module: msg.module ? undefined : module });
    } catch (err) {
      self.postMessage({ ready: false, error: String((err && err.message) || err) });
    }
    return;
  }
  if (msg.data) return load(msg.data);
  try {
    if (!CALLS.includes(msg.fn)) throw new Error(`unknown call ${msg.fn}`);
    if (NEEDS_DATA.has(msg.fn)) await dataIn;
    const result = wasm_bindgen[msg.fn](...msg.args);
    self.postMessage({ id: msg.id, result });
  } catch (err) {
    // A trap («unreachable», out of memory) leaves this wasm instance unusable: the page
    // replaces the whole worker.
    const trapped = err instanceof WebAssembly.RuntimeError;
    self.postMessage({ id: msg.id, error: String((err && err.message) || err), trapped });
  }
};
