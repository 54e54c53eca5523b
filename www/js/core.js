// The core, behind an async call interface. It runs in a Worker so that annotating a long
// article (a 1 MB paste takes about a second) never blocks typing, scrolling or rendering.
// If a Worker cannot be started, the same calls run on this thread.

const core = (() => {
  let worker = null;
  let nextId = 1;
  const pending = new Map();

  // The wasm module is inlined gzipped and base64-encoded (build.mjs).
  async function wasmBytes() {
    const bin = atob($('tusj-wasm').textContent.trim());
    const packed = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) packed[i] = bin.charCodeAt(i);
    const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  async function startWorker(module) {
    const source = $('tusj-glue').textContent + '\n' + $('tusj-worker').textContent;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const w = new Worker(url);
    URL.revokeObjectURL(url);
    await new Promise((resolve, reject) => {
      w.onerror = (e) => reject(new Error(e.message || 'the worker failed to start'));
      w.onmessage = (e) => (e.data.ready ? resolve() : reject(new Error(e.data.error)));
      w.postMessage({ module });
    });
    w.onmessage = (e) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.error !== undefined) p.reject(new Error(e.data.error));
      else p.resolve(e.data.result);
    };
    w.onerror = (e) => {
      for (const p of pending.values()) p.reject(new Error(e.message || 'the annotator crashed'));
      pending.clear();
    };
    return w;
  }

  const ready = (async () => {
    const module = await WebAssembly.compile(await wasmBytes());
    try {
      worker = await startWorker(module);
    } catch (err) {
      console.warn('tusj: no worker, annotating on the page thread:', err);
      await wasm_bindgen({ module_or_path: module });
    }
  })();

  async function call(fn, ...args) {
    await ready;
    if (!worker) return wasm_bindgen[fn](...args);
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, fn, args });
    });
  }

  return { ready, call };
})();
