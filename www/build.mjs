// Builds the one self-contained page, dist/tusj.html, from www/ and the wasm-bindgen output.
//
//   node www/build.mjs <wasm-bindgen out dir> <output html>
//
// Browsers refuse fetch(), XHR and module imports under file://, so everything is inlined:
// the style, the no-modules glue, the app (www/js/*.js), the worker source, the wasm bytes and
// the model and place table the wasm is handed at start (gzip, base64).
// Scripts are allowed by their SHA-256 hashes in the Content-Security-Policy; the worker
// source and the wasm bytes sit in non-executing data blocks that the app reads.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const www = dirname(fileURLToPath(import.meta.url));
const [bindgenDir, out] = process.argv.slice(2);
if (!bindgenDir || !out) {
  console.error('usage: node www/build.mjs <wasm-bindgen out dir> <output html>');
  process.exit(2);
}

const read = (p) => readFileSync(p, 'utf8');
const hash = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
// A data block must not contain "</script"; base64 and our own sources never do, but check.
const safe = (s, what) => {
  if (/<\/script/i.test(s)) throw new Error(`${what} contains </script`);
  return s;
};

const style = `\n${read(join(www, 'style.css'))}`;
const glue = `\n${safe(read(join(bindgenDir, 'tusj.js')), 'glue')}`;
// The page's script: the files of www/js/, one concern each, concatenated in this order into
// one classic script (one scope, one CSP hash, no bundler). Code that runs while the script
// loads uses only what earlier files declare; the start itself is in main.js, last.
const APP = [
  'vocab.js', // `$`; the kinds and types, asked from the core at start
  'unpack.js', // base64 of gzip → bytes (the worker's source starts with it too)
  'core.js', // the core (wasm) in a Worker, behind `core.call`
  'state.js', // the one state object; commit, undo, redo
  'sections.js', // a long article in the text box, a section at a time
  'messages.js', // status line, warnings, errors
  'storage.js', // saving the work in localStorage
  'view.js', // drawing the annotated article and the legend
  'languages.js', // paragraphs in another language: lang, a dotted rule, a note
  'tooltip.js', // the tooltip of a mark
  'annotate.js', // asking the core to annotate; settling edits of the text
  'paste.js', // pasting text or HTML
  'corrections.js', // making corrections: mark, relabel, unmark (one builder)
  'panel.js', // the overview: entities, numbers and facts; rename, merge
  'facts.js', // the «Facts» table: one row per event; show, remove, correct a field
  'numberform.js', // correcting a number's reading
  'map.js', // the map of the places (d3-geo over Natural Earth shapes)
  'files.js', // opening files, new article, export
  'articles.js', // the list of articles worked on; switch, delete, export all
  'main.js', // global keys and the start
];
// Third-party libraries for the map, copied unchanged from npm (www/vendor/README.md); they
// define the globals `d3` and `topojson` before the app runs.
const VENDOR = ['d3-array.min.js', 'd3-geo.min.js', 'topojson-client.min.js'];
const vendor = VENDOR.map((f) => `\n// ---- www/vendor/${f}\n${safe(read(join(www, 'vendor', f)), f)}`).join('');
// Natural Earth 1:110m country shapes (world-atlas), read by www/js/map.js.
const world = safe(read(join(www, 'vendor', 'countries-110m.json')), 'world');
const app = `${vendor}\n'use strict';\n${APP.map((f) => `\n// ---- www/js/${f}\n${safe(read(join(www, 'js', f)), f)}`).join('')}`;
const worker = safe(`${read(join(www, 'js', 'unpack.js'))}\n${read(join(www, 'worker.js'))}`, 'worker');
// Gzipped before base64: the page unpacks it with the browser's DecompressionStream.
const pack = (bytes) => gzipSync(bytes, { level: 9 }).toString('base64');
const wasmBytes = readFileSync(join(bindgenDir, 'tusj_bg.wasm'));
const wasm = pack(wasmBytes);
// The wasm holds only code; the name model and the place table it is handed at start
// (src/wasm.rs, loadData) sit in their own blocks at the very end, so that the page is
// ready (code compiled, worker started) while the browser is still reading them.
const modelBytes = readFileSync(join(www, '..', 'src', 'model', 'model.bin'));
const placesBytes = readFileSync(join(www, '..', 'src', 'geo', 'places.bin'));
const model = pack(modelBytes);
const places = pack(placesBytes);

const csp = [
  "default-src 'none'",
  `script-src ${hash(glue)} ${hash(app)} 'wasm-unsafe-eval'`,
  // The annotator runs in a Worker made from a blob: of the inlined worker source.
  'worker-src blob:',
  `style-src ${hash(style)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let html = read(join(www, 'index.html'));
const put = (marker, content) => {
  if (!html.includes(marker)) throw new Error(`index.html lacks ${marker}`);
  html = html.replace(marker, () => content);
};
put('<!--CSP-->', `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
put('<!--STYLE-->', `<style>${style}</style>`);
put(
  '<!--SCRIPTS-->',
  [
    `<script id="tusj-wasm" type="application/gzip">${wasm}</script>`,
    `<script id="tusj-worker" type="text/plain">\n${worker}</script>`,
    `<script id="world-data" type="application/json">${world}</script>`,
    `<script id="tusj-glue">${glue}</script>`,
    `<script id="tusj-app">${app}</script>`,
    `<script id="tusj-model" type="application/gzip">${model}</script>`,
    `<script id="tusj-places" type="application/gzip">${places}</script>`,
  ].join('\n'),
);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const gz = (b64) => kib(b64.length * 0.75);
console.log(
  `wrote ${out} (${kib(Buffer.byteLength(html))}; wasm ${kib(wasmBytes.length)}, gzipped ${gz(wasm)}; ` +
    `model ${kib(modelBytes.length)}, gzipped ${gz(model)}; places ${kib(placesBytes.length)}, gzipped ${gz(places)})`,
);
