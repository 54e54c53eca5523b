// The core, behind an async call interface. It runs in a Worker so that annotating a long
// article (a 1 MB paste takes about a second) never blocks typing, scrolling or rendering.
// If a Worker cannot be started, the same calls run on this thread.
//
// Ready fast: the wasm holds only code (about 0.3 MB gzipped); the worker is started the
// moment this script runs and unpacks and compiles it on its own thread while this one is
// still reading the page. The name model and the place table (3 MB gzipped) are separate
// data blocks at the end of the page, handed to the worker once the page is ready
// (`core.warm`), unpacked there and decoded at once, before the first paste needs them.
// The compiled module comes back and is kept: a worker whose wasm traps («unreachable») or
// dies is replaced by a fresh one from it, and the calls it owed fail with `trapped` set.

// A task of its own, at once: a message to this page's own channel. (A timeout of 0 set from
// a timeout's task is held for 4 ms from the fifth one on: a 1 MB article's 20 chunks of JSON
// and 30 slices of drawing waited 4 ms each for nothing.) Input and the browser's drawing
// still come between such tasks.
const nextTask = (() => {
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()();
  return () =>
    new Promise((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
})();

const core = (() => {
  let worker = null;
  let module = null; // the compiled wasm, from the first worker
  let nextId = 1;
  const pending = new Map();
  let restarts = 0;
  let local = false; // no Worker: the core runs on this thread

  // The model and the place table (base64 of gzip), once the parser has reached them.
  const data = new Promise((resolve) => {
    const read = () => resolve({ model: $('tusj-model').textContent, places: $('tusj-places').textContent });
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', read);
    else read();
  });

  function trapped(message) {
    const err = new Error(message);
    err.trapped = true;
    return err;
  }

  // Replaces a dead worker: every call it still owed fails as trapped, and a new worker is
  // started from the compiled module (nothing is unpacked or compiled again).
  function replace(message) {
    const dead = worker;
    worker = null;
    dead?.terminate();
    for (const p of pending.values()) p.reject(trapped(message));
    pending.clear();
    restarts++;
    started = startWorker({ module }).then(
      (w) => {
        worker = w;
        if (warming) sendData(w);
        return w;
      },
      (err) => console.warn('tusj: the annotator could not be restarted:', err),
    );
  }

  function sendData(w) {
    data.then((d) => w.postMessage({ data: d }));
  }

  // `first` is {wasm: base64 of the gzipped module} for the first worker, {module} after.
  async function startWorker(first) {
    const source = $('tusj-glue').textContent + '\n' + $('tusj-worker').textContent;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const w = new Worker(url);
    URL.revokeObjectURL(url);
    await new Promise((resolve, reject) => {
      w.onerror = (e) => reject(new Error(e.message || 'the worker failed to start'));
      w.onmessage = (e) => {
        if (!e.data.ready) return reject(new Error(e.data.error));
        if (e.data.module) module = e.data.module;
        resolve();
      };
      w.postMessage(first);
    });
    w.onmessage = (e) => {
      if (e.data.warm !== undefined) {
        if (e.data.warm) document.documentElement.dataset.warm = 'true';
        else console.warn('tusj: the model could not be decoded in advance:', e.data.error);
        return;
      }
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      const built = e.data.result && e.data.result.pieces;
      if (e.data.trapped) {
        p.reject(trapped(e.data.error));
        if (w === worker) replace(e.data.error);
      } else if (e.data.error !== undefined) p.reject(new Error(e.data.error));
      else if (built && built.base !== undefined && built.base !== p.base?.n) p.reject(new Error('tusj: the worker built on another document'));
      else {
        if (built && built.base !== undefined) built.baseDocument = p.base.doc;
        p.resolve(e.data.result);
      }
    };
    w.onerror = (e) => {
      if (w === worker) replace(e.message || 'the annotator crashed');
    };
    return w;
  }

  let started = null;
  const ready = (async () => {
    const wasm = $('tusj-wasm').textContent.trim();
    try {
      worker = await startWorker({ wasm });
      started = Promise.resolve(worker);
    } catch (err) {
      console.warn('tusj: no worker, annotating on the page thread:', err);
      module = await WebAssembly.compile(await unpack(wasm));
      await wasm_bindgen({ module_or_path: module });
      local = true;
    }
  })();

  // Hands the model and the place table to the core, once; the page calls it when ready,
  // and the first annotation does if the page has not.
  let warming = null;
  function warm() {
    warming ||= (async () => {
      await ready;
      if (worker) return sendData(worker);
      if (!local) return;
      const d = await data;
      wasm_bindgen.loadData(await unpack(d.model), await unpack(d.places));
      wasm_bindgen.warm();
      document.documentElement.dataset.warm = 'true';
    })();
    return warming;
  }

  const NEEDS_DATA = new Set(['annotate', 'applyJson', 'applyEdit']);
  // The calls that take a document first, and the documents the worker holds (document →
  // {worker, n}), with the message it answers when it holds that one no more.
  const DOC_FIRST = new Set(['exportJson', 'exportAs', 'fileName', 'numbersTable', 'factsTable', 'eventCorrection']);
  const held = new WeakMap();
  const STALE = 'tusj: that document is no longer held';
  let isReady = false;
  ready.then(() => (isReady = true), () => {});

  function post(w, fn, args) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const base = TEXT_FIRST.has(fn) ? built.get(w) : undefined;
      pending.set(id, { resolve, reject, base });
      const sent = TEXT_FIRST.has(fn) ? [textTo(w, args[0]), ...args.slice(1)] : args;
      w.postMessage({ id, fn, args: sent, base: base?.n });
    });
  }

  // The newest long article's document put together from pieces, by worker: {n, doc}, n the
  // number the worker holds it under. A request to annotate names it, and the worker leaves
  // out of its answer the items of lists that document has too (worker.js, pieces). It is
  // kept with the request until the answer is put together.
  const built = new WeakMap();

  // The text to annotate goes to the worker as what changed since the last one it was sent,
  // {edit: [kept at the start, kept at the end, the new middle]}, when that text was long:
  // copying all of a 10 MB article into the message at every settled edit held this thread
  // for 40–130 ms (at load 4–10); finding the change costs 8–15 ms. (worker.js: `received`.)
  const TEXT_FIRST = new Set(['applyJson', 'applyEdit']);
  const CHANGE_FROM = 1 << 16; // UTF-16 units; shorter texts go whole
  let sentText = null; // {worker, text}: the last text sent to a worker to annotate
  function textTo(w, text) {
    const last = sentText;
    sentText = typeof text === 'string' ? { worker: w, text } : null;
    if (!last || last.worker !== w || text.length < CHANGE_FROM || last.text.length < CHANGE_FROM) return text;
    const [start, end] = kept(last.text, text);
    return { edit: [start, end, text.slice(start, text.length - end)] };
  }

  // How many UTF-16 units `a` and `b` share at the start, and then at the end: a block at a
  // time (comparing two slices is a memory comparison), then a unit at a time.
  function kept(a, b) {
    const BLOCK = 1 << 16;
    const max = Math.min(a.length, b.length);
    let start = 0;
    while (start + BLOCK <= max && a.slice(start, start + BLOCK) === b.slice(start, start + BLOCK)) start += BLOCK;
    while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
    const rest = max - start;
    let end = 0;
    while (end + BLOCK <= rest && a.slice(a.length - end - BLOCK, a.length - end) === b.slice(b.length - end - BLOCK, b.length - end)) end += BLOCK;
    while (end < rest && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
    return [start, end];
  }

  // With a worker running, the request is posted at once (the caller's next steps, such as
  // saving, then overlap the core's work).
  function call(fn, ...args) {
    // The document comes over as JSON text (src/wasm.rs, applyJson) and is parsed here.
    // `applyEdit` (an edit of a long article: the changed paragraphs at once) is the worker's.
    if (fn === 'apply' || fn === 'edited') {
      return call(fn === 'apply' ? 'applyJson' : 'applyEdit', ...args).then(async (r) => {
        if (typeof r === 'string') return JSON.parse(r); // no worker
        // (A worker that is replaced fails what it owes: the one answering is the current one.)
        const from = worker;
        if (!r.pieces) built.delete(from);
        const result = r.pieces ? await assemble(r.pieces, args[0]) : JSON.parse(r.json);
        held.set(result.document, { worker: from, n: r.held });
        if (r.pieces && from) built.set(from, { n: r.held, doc: result.document });
        return result;
      });
    }
    // A document the worker still holds is named, not sent (worker.js); else it is sent.
    const ref = DOC_FIRST.has(fn) && held.get(args[0]);
    if (ref && ref.worker === worker && isReady && worker) {
      return post(worker, fn, [{ heldDocument: ref.n }, ...args.slice(1)]).then(joinRows, (err) => {
        if (err.message !== STALE) throw err;
        held.delete(args[0]);
        return call(fn, ...args);
      });
    }
    if (isReady && worker) {
      if (NEEDS_DATA.has(fn)) warm();
      return post(worker, fn, args).then(joinRows);
    }
    return callLater(fn, args).then(joinRows);
  }

  // A long article's result from its pieces (worker.js), one chunk of JSON per task.
  // (`sent`: the text the page sent, which the document has unless `text` says otherwise.)
  // An item's long lists (`slices`: an entity's thousands of mention ids) come apart from it.
  // A list's items at its start and its end (`keep`) are those of the same list in
  // `baseDocument` (the same objects: no document is ever changed once made).
  async function assemble({ head, text, lists, slices = [], keep = {}, baseDocument }, sent) {
    const result = JSON.parse(head);
    const doc = result.document;
    doc.text = text ?? sent;
    for (const [key, chunks] of Object.entries(lists)) doc[key] = await joinChunks(chunks);
    for (const { key, index, field, chunks } of slices) doc[key][index][field] = await joinChunks(chunks);
    for (const [key, [start, end]] of Object.entries(keep)) {
      const old = baseDocument[key];
      const list = old.slice(0, start);
      for (const item of doc[key]) list.push(item);
      for (let i = old.length - end; i < old.length; i++) list.push(old[i]);
      doc[key] = list;
    }
    return result;
  }

  // Chunks of JSON, as text or as UTF-8 bytes, one per task.
  const decoder = new TextDecoder();
  async function joinChunks(chunks) {
    const list = [];
    for (const chunk of chunks) {
      await nextTask();
      for (const item of JSON.parse(typeof chunk === 'string' ? chunk : decoder.decode(chunk))) list.push(item);
    }
    return list;
  }

  // A long article's table (worker.js: rowChunks) as one list of rows.
  const joinRows = (r) => (r && Array.isArray(r.rowChunks) ? joinChunks(r.rowChunks) : r);

  async function callLater(fn, args) {
    await ready;
    if (NEEDS_DATA.has(fn)) {
      const warmed = warm();
      if (local) await warmed;
    }
    if (local) return wasm_bindgen[fn === 'applyEdit' ? 'applyJson' : fn](...args);
    if (!worker) await started;
    if (!worker) throw new Error('the annotator stopped and could not be restarted');
    return post(worker, fn, args);
  }

  return { ready, warm, call, restarts: () => restarts };
})();
