// The annotator's thread. build.mjs prepends the wasm-bindgen glue (which defines the global
// `wasm_bindgen`), and www/js/core.js starts this code as a Worker from a blob: URL, so that
// annotating a long article never freezes the page. Messages: {module} once, then {id, fn, args}.
'use strict';

// Only these core functions may be called from the page.
const CALLS = [
  'annotate',
  'apply',
  'rebase',
  'markCorrection',
  'openJson',
  'exportJson',
  'exportAs',
  'fileName',
  'mediaType',
  'numbersTable',
  'factsTable',
  'eventCorrection',
  'kinds',
  'version',
];

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.module) {
    try {
      await wasm_bindgen({ module_or_path: msg.module });
      self.postMessage({ ready: true });
    } catch (err) {
      self.postMessage({ ready: false, error: String((err && err.message) || err) });
    }
    return;
  }
  try {
    if (!CALLS.includes(msg.fn)) throw new Error(`unknown call ${msg.fn}`);
    const result = wasm_bindgen[msg.fn](...msg.args);
    self.postMessage({ id: msg.id, result });
  } catch (err) {
    self.postMessage({ id: msg.id, error: String((err && err.message) || err) });
  }
};
