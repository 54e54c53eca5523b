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
  'applyEdit',
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
const NEEDS_DATA = new Set(['annotate', 'applyJson', 'applyEdit']);

// Typing in a long article: `applyEdit` annotates only the paragraphs an edit touched and
// lays them into the last document, at once; the page asks for the whole text (`applyJson`)
// when typing pauses, since names and facts reach across paragraphs. `last` is the newest
// document of a text without corrections: {text, json} as the core wrote it, or {text, doc}.
let last = null;

// The documents the page holds, by number (the newest two): the page names one
// ({heldDocument: n}) rather than sending it back for the overview or an export, since
// sending a long article's document costs the page's thread more than the core's work on it.
const held = new Map();
let serial = 0;
const STALE = 'tusj: that document is no longer held';

// A long article's result crosses in pieces (more than BIG characters of JSON): the text as a
// string, each list longer than CHUNK characters of JSON in chunks of about that size, the
// rest as JSON. The page parses one chunk per task (core.js): one JSON.parse of a 10 MB
// article's document would hold the page's thread for half a second. An item that alone is
// longer than CHUNK (an entity with tens of thousands of mention ids, 0.9 MB of JSON in a
// 10 MB article) goes with its long lists empty, and those lists in chunks of their own
// (`slices`), put back on the page.
const BIG = 1 << 20;
const CHUNK = 1 << 18;

// The chunks go as UTF-8 bytes, transferred (not copied); the text, which the page sent, only
// if the document's differs.
//
// `base`: {n, doc}, a long article's document the page has put together from pieces and named
// in its request. The items a list has in common with that document's at its start and at its
// end stay out of the pieces (`keep`: {list: [at the start, at the end]}, `base`: n), and the
// page takes them from that document: the whole text's document after an edit drawn from its
// paragraphs is mostly the same as that one, and the part before an edit is the same as the
// document before it.
function pieces(result, sent, base) {
  const doc = { ...result.document, text: null }; // (the keys keep their order)
  const encoder = new TextEncoder();
  const encode = (chunks) => chunks.map((chunk) => encoder.encode(chunk));
  const lists = {};
  const slices = [];
  const keep = {};
  for (const [key, whole] of Object.entries(doc)) {
    if (!Array.isArray(whole)) continue;
    let list = whole;
    const old = base && base.doc[key];
    if (Array.isArray(old)) {
      const [start, end] = common(old, whole);
      if (start + end > 0) {
        keep[key] = [start, end];
        list = whole.slice(start, whole.length - end);
        doc[key] = list;
      }
    }
    if (!list.length) continue;
    const before = slices.length;
    const chunks = jsonChunks(list, (item, index) =>
      sliced(item, (field, value) => slices.push({ key, index, field, chunks: encode(jsonChunks(value)) })),
    );
    // A short list goes in the head.
    if (slices.length === before && chunks.reduce((n, chunk) => n + chunk.length, 0) <= CHUNK) continue;
    lists[key] = encode(chunks);
    doc[key] = null;
  }
  const text = result.document.text === sent ? undefined : result.document.text;
  const kept = Object.keys(keep).length ? { keep, base: base.n } : {};
  return { head: JSON.stringify({ ...result, document: doc }), text, lists, slices, ...kept };
}

// How many items `old` and `now` have in common at the start, and then at the end.
function common(old, now) {
  const max = Math.min(old.length, now.length);
  let start = 0;
  while (start < max && same(old[start], now[start])) start++;
  let end = 0;
  while (end < max - start && same(old[old.length - 1 - end], now[now.length - 1 - end])) end++;
  return [start, end];
}

// Whether two values read from JSON are equal.
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.hasOwn(b, k) || !same(a[k], b[k])) return false;
  return true;
}

// `list` as JSON in chunks of about CHUNK characters (at most 1.5 CHUNK, unless one item alone
// is longer), each item turned into JSON once but for the few chunks that come out too long
// (the number of items to a chunk is guessed from the chunk before). `big(item, index)`, if
// given, is asked for a smaller item in place of one longer than CHUNK / 2 (sliced).
function jsonChunks(list, big) {
  const chunks = [];
  let size = 16;
  for (let i = 0; i < list.length; ) {
    let part = list.slice(i, i + size);
    let chunk = JSON.stringify(part);
    if (chunk.length > 1.5 * CHUNK && part.length > 1) {
      size = Math.max(1, Math.floor((part.length * CHUNK) / chunk.length));
      continue;
    }
    if (big && part.length === 1 && chunk.length > CHUNK / 2) {
      const item = big(part[0], i);
      if (item !== part[0]) chunk = JSON.stringify([item]);
    }
    chunks.push(chunk);
    i += part.length;
    size = Math.max(1, Math.round((part.length * CHUNK) / Math.max(1, chunk.length)));
  }
  return chunks;
}

// `item` with each list longer than CHUNK / 4 characters of JSON emptied, handed to `put`.
function sliced(item, put) {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
  let out = item;
  for (const [field, value] of Object.entries(item)) {
    if (!Array.isArray(value) || value.length < 2) continue;
    if (JSON.stringify(value).length <= CHUNK / 4) continue;
    if (out === item) out = { ...item };
    out[field] = [];
    put(field, value);
  }
  return out;
}

// The buffers of a result's chunks, to transfer.
function buffers(result) {
  const p = result && result.pieces;
  if (!p) return [];
  return [...Object.values(p.lists).flat(), ...(p.slices || []).flatMap((s) => s.chunks)].map((b) => b.buffer);
}

// The tables from the parts of a document they read (src/overview.rs): numbersTable the text
// and the number annotations, factsTable the events and the annotations they count. The core
// takes its document as a JavaScript object and converts all of it first, which for a 1 MB
// article took 0.3–0.8 s per table; and factsTable looks each event's count up among all the
// annotations, so it also goes 250 events at a time (each row depends on its event alone).
// Anything not shaped like a document goes to the core whole, for its own message.
// (tables.test.mjs compares both with the core's tables of the whole documents.)
const FACTS_AT_ONCE = 250;
const isDocument = (doc) =>
  doc && typeof doc === 'object' && Array.isArray(doc.annotations) && Array.isArray(doc.events);
const TABLE_CALLS = {
  numbersTable(doc) {
    if (!isDocument(doc)) return wasm_bindgen.numbersTable(doc);
    const numbers = doc.annotations.filter((a) => a && 'value' in a);
    return wasm_bindgen.numbersTable({ ...doc, annotations: numbers, entities: [], events: [], corrections: [] });
  },
  factsTable(doc) {
    if (!isDocument(doc) || !doc.events.length) return wasm_bindgen.factsTable(doc);
    const byId = new Map();
    for (const a of doc.annotations) if (a && !byId.has(a.id)) byId.set(a.id, a);
    const rows = [];
    for (let i = 0; i < doc.events.length; i += FACTS_AT_ONCE) {
      const events = doc.events.slice(i, i + FACTS_AT_ONCE);
      const counted = new Set();
      for (const e of events) if (e && byId.has(e.count)) counted.add(byId.get(e.count));
      const part = { ...doc, text: '', annotations: [...counted], entities: [], events, corrections: [] };
      for (const row of wasm_bindgen.factsTable(part)) rows.push(row);
    }
    return rows;
  },
};

// A long article's tables (tens of thousands of rows) cross as chunks of JSON too: receiving
// them as objects would cost the page's thread one long task (core.js puts them together).
const TABLES = new Set(['numbersTable', 'factsTable']);
const ROWS = 250;
function rowsInPieces(rows) {
  if (!Array.isArray(rows) || rows.length <= ROWS) return rows;
  const chunks = [];
  for (let i = 0; i < rows.length; i += ROWS) chunks.push(JSON.stringify(rows.slice(i, i + ROWS)));
  return { rowChunks: chunks };
}

// Keeps a result ({json} as the core wrote it, or {doc}) and answers {json, held}, or
// {pieces, held} for a long article. `json`: the result as JSON; else `result`, the object.
// `base`: the document the page builds on, if any (pieces).
function hold(entry, json, result, sent) {
  const base = baseOf(requestedBase);
  held.set(++serial, entry);
  while (held.size > 2) held.delete(held.keys().next().value);
  if (json !== undefined && json.length <= BIG) return { json, held: serial };
  if (json === undefined && result.document.text.length <= BIG / 8) return { json: JSON.stringify(result), held: serial };
  result ||= JSON.parse(json);
  entry.doc ||= result.document;
  return { pieces: pieces(result, sent, base), held: serial };
}

// The document the page named as the one it has put together ({base: n} in its request to
// annotate), while this worker still holds it as an object.
let requestedBase;
function baseOf(n) {
  const entry = n !== undefined && held.get(n);
  return entry && entry.doc ? { n, doc: entry.doc } : null;
}

function docOf(entry) {
  entry.doc ||= JSON.parse(entry.json).document;
  return entry.doc;
}

function lastDoc() {
  return last && docOf(last.entry);
}

function codePoints(text, from = 0, to = text.length) {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= to) n++;
    else {
      const d = text.charCodeAt(i + 1);
      n++;
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

// Past this many UTF-16 units of changed paragraphs, the whole text is annotated instead.
const EDIT_LIMIT = 50000;

// The document of `text` from the last one, with the changed paragraphs (between blank lines)
// annotated afresh; null when that cannot be done (then the whole text is annotated). Names
// in the new paragraphs join no entity and their facts wait for the whole text: the page
// shows this document until then and marks it partial.
function editedDocument(text) {
  const doc = lastDoc();
  if (!doc) return null;
  const old = last.text;
  if (old === text) return doc;
  const max = Math.min(old.length, text.length);
  let p = 0;
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  // The changed paragraphs: from after the blank line before the change to the blank line
  // after it (the text before `p` and after `length - s` is the same in both).
  const before = p >= 2 ? text.lastIndexOf('\n\n', p - 2) : -1;
  const from = before < 0 ? 0 : before + 2;
  const after = text.indexOf('\n\n', text.length - s);
  const to = after < 0 ? text.length : after;
  const oldTo = to + old.length - text.length;
  if (to - from > EDIT_LIMIT || oldTo < from) return null;
  const part = JSON.parse(wasm_bindgen.applyJson(text.slice(from, to), [])).document;
  // A paragraph that reads as an article's header (a first line «date …») is one only at the start.
  if (from > 0 && (part.meta.date || part.meta.section)) return null;
  const at = codePoints(text, 0, from);
  const oldEnd = at + codePoints(old, from, oldTo);
  const shift = codePoints(text, from, to) - (oldEnd - at);
  const outside = (x) => x.end <= at || x.start >= oldEnd;
  // A mark across the edge of the changed paragraphs: the whole text decides.
  if (doc.annotations.some((a) => (a.start < at && a.end > at) || (a.start < oldEnd && a.end > oldEnd))) return null;
  const moved = (x) => (x.start >= oldEnd ? { ...x, start: x.start + shift, end: x.end + shift } : x);
  const ids = new Map(); // old annotation id → new
  const annotations = [];
  const add = (a, oldId) => {
    const id = `a${annotations.length + 1}`;
    if (oldId) ids.set(oldId, id);
    annotations.push({ ...a, id });
  };
  for (const a of doc.annotations) if (a.end <= at) add(a, a.id);
  for (const a of part.annotations) add({ ...a, start: a.start + at, end: a.end + at, entity: null });
  for (const a of doc.annotations) if (a.start >= oldEnd) add(moved(a), a.id);
  const entities = doc.entities
    .map((e) => ({ ...e, mentions: e.mentions.filter((m) => ids.has(m)).map((m) => ids.get(m)) }))
    .filter((e) => e.mentions.length);
  const kept = new Set(entities.map((e) => e.id));
  for (const a of annotations) if (a.entity && !kept.has(a.entity)) a.entity = null;
  const span = (x) => x && { ...moved(x), entity: x.entity && kept.has(x.entity) ? x.entity : null };
  const events = doc.events
    .filter((v) => outside(v) && (!v.count || ids.has(v.count)))
    .map((v) => ({
      ...moved(v),
      count: v.count && ids.get(v.count),
      agent: span(v.agent),
      target: span(v.target),
      place: span(v.place),
      time: span(v.time),
      source: span(v.source),
    }));
  const facts = new Set(events.map((v) => v.id));
  for (const v of events) if (v.part_of && !facts.has(v.part_of)) v.part_of = null;
  const edited = { ...doc, text, meta: from === 0 ? part.meta : doc.meta, annotations, entities, events };
  delete edited.other_languages; // as the core writes it: only when there are any
  const others = doc.other_languages || [];
  const otherLanguages = [
    ...others.filter((o) => o.end <= at),
    ...(part.other_languages || []).map((o) => ({ ...o, start: o.start + at, end: o.end + at })),
    ...others.filter((o) => o.start >= oldEnd).map(moved),
  ];
  if (otherLanguages.length) edited.other_languages = otherLanguages;
  return edited;
}

// The calls the worker answers itself, around the core's.
const OWN = {
  applyJson(text, corrections) {
    const entry = { json: wasm_bindgen.applyJson(text, corrections) };
    last = corrections.length ? null : { text, entry };
    return hold(entry, entry.json, undefined, text);
  },
  applyEdit(text, corrections) {
    let doc = null;
    try {
      doc = !corrections.length && editedDocument(text);
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError) throw err; // a trap: the page replaces this worker
      doc = null; // anything else: the whole text, as without applyEdit
    }
    if (!doc) return OWN.applyJson(text, corrections);
    const entry = { doc };
    last = { text, entry };
    return hold(entry, undefined, { document: doc, skipped: [], partial: true }, text);
  },
};

// The last text the page sent to annotate: a long one comes as its change from this one,
// {edit: [kept at the start, kept at the end, the new middle]} (core.js, textTo). Put
// together before anything waits, so that the messages are read in the order they came.
let received = null;
function textOf(arg) {
  if (arg && arg.edit) {
    const [start, end, middle] = arg.edit;
    return received.slice(0, start) + middle + received.slice(received.length - end);
  }
  return arg;
}

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
    const annotating = msg.fn === 'applyJson' || msg.fn === 'applyEdit';
    if (annotating) {
      msg.args[0] = textOf(msg.args[0]);
      received = typeof msg.args[0] === 'string' ? msg.args[0] : null;
    }
    if (!CALLS.includes(msg.fn)) throw new Error(`unknown call ${msg.fn}`);
    if (NEEDS_DATA.has(msg.fn)) await dataIn;
    const ref = msg.args[0] && msg.args[0].heldDocument;
    if (ref) {
      if (!held.has(ref)) throw new Error(STALE);
      msg.args[0] = docOf(held.get(ref));
    }
    requestedBase = annotating ? msg.base : undefined; // (read by hold, in this same call)
    const result = (OWN[msg.fn] || TABLE_CALLS[msg.fn] || wasm_bindgen[msg.fn])(...msg.args);
    const answer = TABLES.has(msg.fn) ? rowsInPieces(result) : result;
    self.postMessage({ id: msg.id, result: answer }, buffers(answer));
  } catch (err) {
    // A trap («unreachable», out of memory) leaves this wasm instance unusable: the page
    // replaces the whole worker.
    const trapped = err instanceof WebAssembly.RuntimeError;
    self.postMessage({ id: msg.id, error: String((err && err.message) || err), trapped });
  }
};
