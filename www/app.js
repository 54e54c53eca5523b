// tusj page: read the article, ask the core (wasm) to annotate it, render the highlights,
// export. All annotation logic is in the Rust core; this file only moves text and draws.
'use strict';

const $ = (id) => document.getElementById(id);
const KINDS = [
  { kind: 'actor', label: 'Actors' },
  { kind: 'place', label: 'Places' },
  { kind: 'number', label: 'Numbers' },
];

// ---------------------------------------------------------------------------------------------
// The core, behind an async call interface. It runs in a Worker so that annotating a long
// article (a 1 MB paste takes about a second) never blocks typing, scrolling or rendering.
// If a Worker cannot be started, the same calls run on this thread.

const core = (() => {
  let worker = null;
  let nextId = 1;
  const pending = new Map();

  function wasmBytes() {
    const b64 = $('tusj-wasm').textContent.trim();
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
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
    const module = await WebAssembly.compile(wasmBytes());
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

// ---------------------------------------------------------------------------------------------
// State and small helpers.

const state = {
  text: '', // the article exactly as annotated
  doc: null, // the core's document for `text`
  name: '', // base name for exports (from an opened file), else derived from the text
};

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
}

function setStatus(message) {
  $('status').textContent = message;
}

// Reduces pasted HTML to its text, with paragraph breaks. DOMParser builds an inert document:
// nothing in it runs and nothing is fetched.
function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'IFRAME', 'OBJECT']);
  const BLOCK = /^(P|DIV|H[1-6]|LI|UL|OL|BLOCKQUOTE|SECTION|ARTICLE|HEADER|FOOTER|FIGURE|FIGCAPTION|TR|TABLE|PRE|ASIDE)$/;
  const out = [];
  (function walk(node) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out.push(child.data.replace(/\s+/g, ' '));
      else if (child.nodeType !== Node.ELEMENT_NODE || SKIP.has(child.tagName)) continue;
      else if (child.tagName === 'BR') out.push('\n');
      else {
        const block = BLOCK.test(child.tagName);
        if (block) out.push('\n\n');
        walk(child);
        if (block) out.push('\n\n');
      }
    }
  })(doc.body);
  return out
    .join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// A readable file name for exports: the opened file's name, else the article's first words.
function baseName() {
  if (state.name) return state.name;
  const body = state.text.replace(/^\s*date\s+\S+\s*/, '');
  const slug = body
    .normalize('NFKD')
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'o')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
    .split(/\s+/)
    .slice(0, 5)
    .join('-')
    .toLowerCase();
  return slug || 'article';
}

function describe(a) {
  const lines = [`${a.kind}: ${a.type}`];
  if (a.kind === 'number' && typeof a.value === 'number') {
    let value = String(a.value);
    if (a.upper !== null && a.upper !== undefined) value += `–${a.upper}`;
    lines.push(`value ${value}`, `qualifier ${a.qualifier.replace(/_/g, ' ')}`);
    if (a.unit) lines.push(`unit ${a.unit}`);
    if (a.counted) lines.push(`counted: ${a.counted}`);
  }
  if (a.source && a.source !== 'model' && a.source !== 'rules') lines.push(`by ${a.source}`);
  return lines.join(' · ');
}

// ---------------------------------------------------------------------------------------------
// Rendering. Offsets in the document count code points; JavaScript strings count UTF-16 units,
// so one walk over the text converts them. The article is drawn as one block per paragraph
// (so the browser lays out only what changed) and in slices of a few milliseconds each, so
// that the page keeps answering while thousands of marks are added to a long article.

let renderGeneration = 0;
const SLICE_MS = 12;

function yieldToBrowser() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(doc) {
  const generation = ++renderGeneration;
  const view = $('view');
  const text = doc.text;
  const anns = doc.annotations;
  view.replaceChildren();
  hideTip();
  if (!text) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'The annotated article appears here.';
    view.append(p);
  }
  let unit = 0; // UTF-16 index
  let point = 0; // code point index
  const advance = (target) => {
    const from = unit;
    while (point < target && unit < text.length) {
      unit += text.codePointAt(unit) > 0xffff ? 2 : 1;
      point++;
    }
    return text.slice(from, unit);
  };
  let block = null;
  const newBlock = () => {
    block = document.createElement('div');
    block.className = 'para';
    view.append(block);
  };
  // Text between marks; a new block starts after each run of line breaks. The line breaks
  // stay in the text, so the view's text is exactly the article's.
  const appendText = (s) => {
    const parts = s.split(/(?<=\n)(?=[^\n])/);
    parts.forEach((part, i) => {
      if (i > 0 || !block) newBlock();
      block.append(part);
    });
  };
  let sliceStart = performance.now();
  for (let i = 0; i < anns.length; i++) {
    const a = anns[i];
    const before = advance(a.start);
    if (before) appendText(before);
    if (!block) newBlock();
    const mark = document.createElement('mark');
    mark.textContent = advance(a.end);
    mark.dataset.kind = a.kind;
    mark.dataset.type = a.type;
    mark.dataset.id = a.id;
    if (a.source) mark.dataset.source = a.source;
    mark.tabIndex = i === 0 ? 0 : -1;
    mark.setAttribute('aria-label', `${a.kind}: ${a.type}, ${a.text}`);
    block.append(mark);
    if (performance.now() - sliceStart > SLICE_MS) {
      setStatus(`Drawing highlights… ${Math.round((i * 100) / anns.length)}%`);
      await yieldToBrowser();
      if (generation !== renderGeneration) return;
      sliceStart = performance.now();
    }
  }
  const rest = text.slice(unit);
  if (rest) appendText(rest);
  renderLegend(doc);
  const n = anns.length;
  setStatus(n === 1 ? '1 highlight.' : `${n} highlights.`);
  view.dataset.rendered = String(generation); // tests wait for this
}

function renderLegend(doc) {
  const legend = $('legend');
  legend.replaceChildren();
  const counts = { actor: 0, place: 0, number: 0 };
  for (const a of doc.annotations) counts[a.kind]++;
  for (const { kind, label } of KINDS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'legend-item';
    b.dataset.kind = kind;
    const shown = !$('view').classList.contains(`hide-${kind}`);
    b.setAttribute('aria-pressed', String(shown));
    b.title = `Show or hide ${label.toLowerCase()}`;
    const swatch = document.createElement('mark');
    swatch.dataset.kind = kind;
    swatch.className = 'swatch';
    swatch.setAttribute('aria-hidden', 'true');
    swatch.textContent = 'Abc';
    const name = document.createElement('span');
    name.textContent = ` ${label} `;
    const count = document.createElement('span');
    count.className = 'count';
    count.dataset.count = kind;
    count.textContent = String(counts[kind]);
    b.append(swatch, name, count);
    legend.append(b);
  }
}

$('legend').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-kind]');
  if (!b) return;
  const kind = b.dataset.kind;
  const hidden = $('view').classList.toggle(`hide-${kind}`);
  b.setAttribute('aria-pressed', String(!hidden));
});

// ---------------------------------------------------------------------------------------------
// The tooltip: the type (and, for numbers, the reading) of the mark under the pointer or focus.

function showTip(mark) {
  const a = state.doc && state.doc.annotations.find((x) => x.id === mark.dataset.id);
  if (!a) return;
  const tip = $('tip');
  tip.textContent = describe(a);
  tip.hidden = false;
  const r = mark.getBoundingClientRect();
  tip.style.left = `${Math.max(4, Math.min(r.left, window.innerWidth - tip.offsetWidth - 4)) + window.scrollX}px`;
  tip.style.top = `${r.bottom + window.scrollY + 6}px`;
  mark.setAttribute('aria-describedby', 'tip');
}

function hideTip() {
  $('tip').hidden = true;
}

$('view').addEventListener('mouseover', (e) => {
  const m = e.target.closest('mark');
  if (m) showTip(m);
});
$('view').addEventListener('mouseout', (e) => {
  if (e.target.closest('mark') && document.activeElement !== e.target.closest('mark')) hideTip();
});
$('view').addEventListener('focusin', (e) => {
  if (e.target.matches('mark')) showTip(e.target);
});
$('view').addEventListener('focusout', hideTip);

// Arrow keys move between marks (one tab stop for the whole article: roving tabindex).
$('view').addEventListener('keydown', (e) => {
  const m = e.target.closest('mark');
  if (!m || !['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
  const view = $('view');
  const marks = [...view.querySelectorAll('mark')].filter((x) => !view.classList.contains(`hide-${x.dataset.kind}`));
  const i = marks.indexOf(m);
  let j = i;
  if (e.key === 'ArrowRight' || e.key === 'ArrowDown') j = Math.min(marks.length - 1, i + 1);
  if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') j = Math.max(0, i - 1);
  if (e.key === 'Home') j = 0;
  if (e.key === 'End') j = marks.length - 1;
  e.preventDefault();
  if (j === i || j < 0) return;
  m.tabIndex = -1;
  marks[j].tabIndex = 0;
  marks[j].focus();
});

// ---------------------------------------------------------------------------------------------
// Annotating: at once on paste, debounced while typing. A newer request supersedes an older one.

let annotateGeneration = 0;
let debounceTimer = 0;

async function reannotate() {
  clearTimeout(debounceTimer);
  const generation = ++annotateGeneration;
  const text = state.text;
  setStatus('Annotating…');
  try {
    const doc = await core.call('annotate', text);
    if (generation !== annotateGeneration) return;
    state.doc = doc;
    await render(doc);
  } catch (err) {
    if (generation !== annotateGeneration) return;
    showError(`The annotator failed: ${err.message}. Your text is kept; try again or reload the page.`);
    setStatus('');
  }
}

function scheduleReannotate() {
  clearTimeout(debounceTimer);
  // Longer articles wait a little longer, so that typing does not queue up work.
  debounceTimer = setTimeout(reannotate, 250 + Math.min(1000, state.text.length / 2000));
}

const source = $('source');

// A text box holding a very long article costs the browser about a second of layout, and
// while it has focus Chromium re-reads its whole text on every frame; so past this size the
// box is folded away (the annotated view shows the article) until the reader unfolds it.
const FOLD_LIMIT = 200000;
function fitSource(length) {
  const fold = length > FOLD_LIMIT;
  source.hidden = fold && !source.dataset.unfolded;
  $('unfold').hidden = !source.hidden;
  if (!fold) delete source.dataset.unfolded;
}
$('unfold').addEventListener('click', () => {
  source.dataset.unfolded = 'true';
  fitSource(state.text.length);
  source.focus();
});

function clipboardText(data) {
  const text = data.getData('text/plain');
  if (text) return text;
  const html = data.getData('text/html');
  return html ? htmlToText(html) : '';
}

source.addEventListener('paste', (e) => {
  const text = clipboardText(e.clipboardData);
  if (!text) return;
  e.preventDefault();
  fitSource(source.value.length + text.length);
  source.setRangeText(text, source.selectionStart, source.selectionEnd, 'end');
  state.text = source.value;
  if (source.hidden) $('view').focus();
  reannotate();
});

// A paste anywhere else (the text box may be folded away) never replaces work: the text goes
// after the article.
document.addEventListener('paste', (e) => {
  if (e.defaultPrevented || e.target === source) return;
  const text = clipboardText(e.clipboardData);
  if (!text) return;
  e.preventDefault();
  const joined = state.text ? `${state.text.replace(/\n*$/, '')}\n\n${text}` : text;
  fitSource(joined.length);
  source.value = joined;
  state.text = joined;
  reannotate();
});

source.addEventListener('input', () => {
  state.text = source.value;
  fitSource(state.text.length);
  scheduleReannotate();
});

// ---------------------------------------------------------------------------------------------
// Export.

async function exportText() {
  if (!state.doc) throw new Error('nothing annotated yet');
  return core.call('exportJson', state.doc);
}

function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

$('export').addEventListener('click', async () => {
  try {
    const json = await exportText();
    const name = `${baseName()}.tusj.json`;
    download(name, json, 'application/json');
    setStatus(`Exported ${name}.`);
  } catch (err) {
    showError(`Export failed: ${err.message}.`);
  }
});

$('copy').addEventListener('click', async () => {
  try {
    const json = await exportText();
    await navigator.clipboard.writeText(json);
    setStatus('The JSON is on the clipboard.');
  } catch (err) {
    showError(`Copy failed: ${err.message}.`);
  }
});

// ---------------------------------------------------------------------------------------------
// Start.

(async () => {
  try {
    await core.ready;
    $('version').textContent = `v${await core.call('version')}`;
    setStatus('Ready: paste an article (Ctrl+V).');
    document.documentElement.dataset.ready = 'true';
    if (source.value) {
      state.text = source.value;
      reannotate();
    }
  } catch (err) {
    showError(
      `The annotator could not start (${err.message}). This browser may not allow WebAssembly ` +
        'on pages opened from disk; try a current Chrome, Edge or Firefox.',
    );
    setStatus('');
  }
  source.focus();
})();
