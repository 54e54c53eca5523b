// tusj page: read the article, ask the core (wasm) to annotate it and replay the person's
// corrections, draw the highlights and the overview, save the work, export. Every decision
// about annotations is made by the Rust core; this file only moves text and draws.
'use strict';

const $ = (id) => document.getElementById(id);
const KINDS = [
  { kind: 'actor', label: 'Actors', types: ['person', 'organisation', 'state'] },
  { kind: 'place', label: 'Places', types: ['geopolitical', 'location'] },
  {
    kind: 'number',
    label: 'Numbers',
    types: ['count', 'year', 'date', 'time', 'percent', 'money', 'measure', 'ordinal'],
  },
];
const KIND_OF = Object.fromEntries(KINDS.flatMap((k) => k.types.map((t) => [t, k.kind])));
const KEY_KIND = { a: 'actor', p: 'place', n: 'number' };

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// State. The person's work is the text and the list of corrections; the document is what the
// core makes of them. Every change goes through `commit`, which remembers the state before it
// (undo), saves, and re-annotates.

const state = {
  text: '', // the article, exactly as annotated; corrections are anchored in it
  corrections: [],
  name: '', // base name for exports, from an opened file; else the core derives one
  doc: null, // the core's document for `text` and `corrections`
  focus: null, // the start of the mark to focus once the next rendering is done
};
const history = { undo: [], redo: [] };
const HISTORY_LIMIT = 200;
const source = $('source');

function snapshot() {
  return { text: state.text, corrections: state.corrections, name: state.name };
}

// `change` is the next state, or a function of the current one. A pending burst of typing is
// settled first, so that it is its own step for undo and the corrections fit the text.
async function commit(change, message) {
  await settle();
  const before = snapshot();
  history.undo.push(before);
  if (history.undo.length > HISTORY_LIMIT) history.undo.shift();
  history.redo = [];
  return restore(typeof change === 'function' ? change(before) : change, message);
}

function restore(next, message) {
  clearTimeout(editTimer);
  editTimer = 0;
  state.text = next.text;
  state.corrections = next.corrections;
  state.name = next.name;
  if (source.value !== state.text) {
    fitSource(state.text.length);
    source.value = state.text;
  }
  save();
  updateHistoryButtons();
  if (message) setStatus(message, true);
  return reannotate(message);
}

async function undo() {
  await settle();
  if (!history.undo.length) return setStatus('Nothing to undo.', true);
  history.redo.push(snapshot());
  return restore(history.undo.pop(), 'Undone.');
}

async function redo() {
  await settle();
  if (!history.redo.length) return setStatus('Nothing to redo.', true);
  history.undo.push(snapshot());
  return restore(history.redo.pop(), 'Redone.');
}

function updateHistoryButtons() {
  $('undo').disabled = !history.undo.length && !editTimer;
  $('redo').disabled = !history.redo.length;
}

// ---------------------------------------------------------------------------------------------
// Messages: the status line (polite), warnings and errors (alerts). A message that matters
// stays until the next one, so a screen reader and a person who looked away both get it.

let statusSticky = false;
function setStatus(message, sticky = false) {
  if (statusSticky && !sticky && message) return;
  statusSticky = sticky;
  $('status').textContent = message;
  if (sticky) setTimeout(() => (statusSticky = false), 4000);
}

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
}

function showWarning(message) {
  const box = $('warning');
  box.textContent = message;
  box.hidden = !message;
}

// ---------------------------------------------------------------------------------------------
// Never lose work: the text and the corrections are saved in localStorage on every change,
// and restored when the page is opened again. Storage may be full or turned off; the page
// then says so and keeps working.

const STORE = 'tusj.work.v1';

function save() {
  try {
    localStorage.setItem(STORE, JSON.stringify(snapshot()));
    showWarning('');
  } catch (err) {
    showWarning(
      `Your work is not being saved in this browser (${err.name || 'storage unavailable'}: ` +
        'storage is full or turned off). Everything still works; use Export JSON to keep it.',
    );
  }
}

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE) || 'null');
    if (saved && typeof saved.text === 'string' && Array.isArray(saved.corrections)) {
      return { text: saved.text, corrections: saved.corrections, name: String(saved.name || '') };
    }
  } catch (err) {
    showWarning(`Saved work could not be read (${err.name}); starting empty.`);
  }
  return null;
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

// A number's reading in words: «at least 43», «10000–25000 km», «about 90 percent».
function reading(a) {
  const q = a.qualifier === 'exact' || a.qualifier === 'range' ? '' : `${a.qualifier.replace(/_/g, ' ')} `;
  const upper = a.upper !== null && a.upper !== undefined ? `–${a.upper}` : '';
  return `${a.type}: ${q}${a.value}${upper}${a.unit ? ` ${a.unit}` : ''}`;
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
    mark.dataset.start = a.start;
    mark.dataset.end = a.end;
    mark.dataset.source = a.source;
    if (a.entity) mark.dataset.entity = a.entity;
    mark.tabIndex = -1;
    const by = a.source === 'user' ? ', your correction' : '';
    mark.setAttribute('aria-label', `${a.kind}: ${a.type}, ${a.text}${by}`);
    block.append(mark);
    if (performance.now() - sliceStart > SLICE_MS) {
      setStatus(`Drawing highlights… ${Math.round((i * 100) / anns.length)}%`);
      await yieldToBrowser();
      if (generation !== renderGeneration) return false;
      sliceStart = performance.now();
    }
  }
  const rest = text.slice(unit);
  if (rest) appendText(rest);
  // One tab stop for the whole article (roving tabindex): the mark to focus, else the first.
  const target = (state.focus !== null && nearestMark(state.focus)) || view.querySelector('mark');
  if (target) target.tabIndex = 0;
  if (state.focus !== null && target) target.focus();
  state.focus = null;
  renderLegend(doc);
  return true;
}

// The mark starting at `start`, else the next one after it, else the last one.
function nearestMark(start) {
  const marks = [...$('view').querySelectorAll('mark')];
  return marks.find((m) => Number(m.dataset.start) >= start) || marks[marks.length - 1] || null;
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

function annotationOf(mark) {
  return (state.doc && state.doc.annotations.find((x) => x.id === mark.dataset.id)) || null;
}

function showTip(mark) {
  const a = annotationOf(mark);
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
  if (!e.target.matches('mark')) return;
  showTip(e.target);
  for (const m of $('view').querySelectorAll('mark[tabindex="0"]')) m.tabIndex = -1;
  e.target.tabIndex = 0;
  current = e.target.dataset.start;
  const type = $('marktype');
  type.value = e.target.dataset.type;
});
$('view').addEventListener('focusout', hideTip);

// ---------------------------------------------------------------------------------------------
// Annotating: the core annotates the text afresh and replays the corrections. A newer request
// supersedes an older one.

let annotateGeneration = 0;

async function reannotate(keepStatus) {
  const generation = ++annotateGeneration;
  if (!keepStatus) setStatus('Annotating…');
  try {
    const { document: doc, skipped } = await core.call('apply', state.text, state.corrections);
    if (generation !== annotateGeneration) return;
    state.doc = doc;
    clearError();
    if (!(await render(doc))) return;
    if (generation !== annotateGeneration) return;
    $('view').dataset.rendered = String(generation); // tests wait for these
    const n = doc.annotations.length;
    setStatus(n === 1 ? '1 highlight.' : `${n} highlights.`);
    const unreadable = skipped.filter((s) => s.reason === 'unreadable_number');
    if (unreadable.length) {
      setStatus(
        `No number could be read in ${unreadable.map((s) => `«${s.correction.text}»`).join(', ')}; ` +
          'that mark is kept in your corrections but not shown.',
        true,
      );
    }
    await renderPanel(doc);
    if (generation === annotateGeneration) $('panel').dataset.rendered = String(generation);
  } catch (err) {
    if (generation !== annotateGeneration) return;
    showError(`The annotator failed: ${err.message}. Your text is kept; try again or reload the page.`);
    setStatus('');
  }
}

// ---------------------------------------------------------------------------------------------
// Editing the text. A burst of typing is one step for undo; when it settles, the corrections
// are moved to where their words now are (the core's rebase), and any whose words are gone
// are announced.

let editTimer = 0;
let editQueue = Promise.resolve();

function settleSoon() {
  if (!editTimer) {
    history.undo.push(snapshot());
    if (history.undo.length > HISTORY_LIMIT) history.undo.shift();
    history.redo = [];
  }
  clearTimeout(editTimer);
  // Longer articles wait a little longer, so that typing does not queue up work.
  editTimer = setTimeout(settle, 250 + Math.min(1000, source.value.length / 2000));
  updateHistoryButtons();
}

function settle() {
  clearTimeout(editTimer);
  editTimer = 0;
  editQueue = editQueue.then(settleEdit, settleEdit);
  return editQueue;
}

async function settleEdit() {
  const text = source.value;
  if (text === state.text) return;
  let corrections = state.corrections;
  let dropped = [];
  if (corrections.length) {
    try {
      ({ corrections, dropped } = await core.call('rebase', state.text, text, corrections));
    } catch (err) {
      showError(`Your corrections could not be moved to the edited text: ${err.message}.`);
      return;
    }
  }
  state.text = text;
  state.corrections = corrections;
  save();
  updateHistoryButtons();
  let message = '';
  if (dropped.length) {
    const words = dropped.map((c) => `«${c.text}»`).join(', ');
    message =
      `${dropped.length === 1 ? 'A correction no longer fits' : `${dropped.length} corrections no longer fit`} ` +
      `the edited text and ${dropped.length === 1 ? 'was' : 'were'} dropped: ${words}. Undo (Ctrl+Z) brings ` +
      `${dropped.length === 1 ? 'it' : 'them'} back.`;
    setStatus(message, true);
  }
  await reannotate(Boolean(message));
}

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

// Ctrl+V in the text box annotates at once. Text is inserted as text, never as markup.
source.addEventListener('paste', (e) => {
  const text = clipboardText(e.clipboardData);
  if (!text) return;
  e.preventDefault();
  settleSoon();
  fitSource(source.value.length + text.length);
  source.setRangeText(text, source.selectionStart, source.selectionEnd, 'end');
  if (source.hidden) $('view').focus();
  settle();
});

// A paste anywhere else (the text box may be folded away) never replaces work: the text goes
// after the article.
document.addEventListener('paste', (e) => {
  if (e.defaultPrevented || e.target === source || e.target.closest('input, select, textarea')) return;
  const text = clipboardText(e.clipboardData);
  if (!text) return;
  e.preventDefault();
  commit((now) => {
    const joined = now.text ? `${now.text.replace(/\n*$/, '')}\n\n${text}` : text;
    return { ...now, text: joined };
  }, 'Pasted after the article.');
});

// In the text box the letters type; Alt+A, Alt+P and Alt+N mark the selected words there.
source.addEventListener('keydown', (e) => {
  const kind = KEY_KIND[e.key.toLowerCase()] || KEY_KIND[(e.code || '').replace(/^Key/, '').toLowerCase()];
  if (!e.altKey || e.ctrlKey || e.metaKey || !kind) return;
  e.preventDefault();
  markSelection(kind);
});

source.addEventListener('input', () => {
  fitSource(source.value.length);
  settleSoon();
});

// ---------------------------------------------------------------------------------------------
// Corrections: select words and mark them (keys a, p, n or the toolbar), relabel or remove a
// focused mark. Each is a correction with code point offsets and the words it was made on.

let current = null; // data-start of the last focused mark, for the toolbar

function codePoints(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate belongs to the code point before it
  }
  return n;
}

// The selected words as code point offsets into the article, from the view or the text box.
function selection() {
  const sel = window.getSelection();
  const view = $('view');
  if (sel.rangeCount && !sel.isCollapsed && view.contains(sel.getRangeAt(0).commonAncestorContainer)) {
    const range = sel.getRangeAt(0);
    const before = document.createRange();
    before.setStart(view, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const start = codePoints(before.toString());
    return { start, end: start + codePoints(range.toString()) };
  }
  if (source.selectionEnd > source.selectionStart && source.value === state.text) {
    const start = codePoints(source.value.slice(0, source.selectionStart));
    return { start, end: start + codePoints(source.value.slice(source.selectionStart, source.selectionEnd)) };
  }
  return null;
}

function typeFor(kind, currentType) {
  const types = KINDS.find((k) => k.kind === kind).types;
  const chosen = $('marktype').value;
  if (currentType && KIND_OF[currentType] === kind) {
    return types[(types.indexOf(currentType) + 1) % types.length]; // pressing again cycles
  }
  return KIND_OF[chosen] === kind ? chosen : types[0];
}

async function markSelection(kind) {
  await settle();
  const range = selection();
  if (!range) {
    setStatus('Select some words in the article first (mouse, or Shift+arrows in the text box).', true);
    return;
  }
  const type = typeFor(kind);
  const c = await core.call('markCorrection', state.text, range.start, range.end, type);
  if (!c) return setStatus('Only spaces are selected.', true);
  window.getSelection().removeAllRanges();
  state.focus = c.start;
  await commit((now) => ({ ...now, corrections: [...now.corrections, c] }), `Marked «${c.text}» as ${type}.`);
}

function relabel(mark, type) {
  const a = annotationOf(mark);
  if (!a || a.type === type) return;
  state.focus = a.start;
  const c = { op: 'mark', start: a.start, end: a.end, text: a.text, type };
  return commit((now) => ({ ...now, corrections: [...now.corrections, c] }), `«${a.text}» is now ${type}.`);
}

function unmark(mark) {
  const a = annotationOf(mark);
  if (!a) return;
  state.focus = a.end;
  const c = { op: 'unmark', start: a.start, end: a.end, text: a.text };
  return commit(
    (now) => ({ ...now, corrections: [...now.corrections, c] }),
    `Removed the highlight «${a.text}». Undo (Ctrl+Z) brings it back.`,
  );
}

function currentMark() {
  const m = document.activeElement;
  if (m && m.matches && m.matches('#view mark')) return m;
  return current === null ? null : $('view').querySelector(`mark[data-start="${current}"]`);
}

$('view').addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const m = e.target.closest('mark');
  const key = e.key.toLowerCase();
  if (m && ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Home', 'End'].includes(e.key)) {
    // Arrow keys move between the shown marks (one tab stop for the whole article).
    const view = $('view');
    const marks = [...view.querySelectorAll('mark')].filter((x) => !view.classList.contains(`hide-${x.dataset.kind}`));
    const i = marks.indexOf(m);
    let j = i;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') j = Math.min(marks.length - 1, i + 1);
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') j = Math.max(0, i - 1);
    if (e.key === 'Home') j = 0;
    if (e.key === 'End') j = marks.length - 1;
    e.preventDefault();
    if (j !== i && j >= 0) marks[j].focus();
  } else if (m && (e.key === 'Delete' || e.key === 'Backspace')) {
    e.preventDefault();
    unmark(m);
  } else if (KEY_KIND[key]) {
    e.preventDefault();
    const sel = window.getSelection();
    if (!sel.isCollapsed) markSelection(KEY_KIND[key]);
    else if (m) relabel(m, typeFor(KEY_KIND[key], m.dataset.type));
  }
});

// Toolbar buttons keep the selection: they do not take it away on mouse down.
$('marktools').addEventListener('mousedown', (e) => {
  if (e.target.closest('button')) e.preventDefault();
});
$('marktools').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-mark]');
  if (b) markSelection(b.dataset.mark);
});
$('unmark').addEventListener('click', () => {
  const m = currentMark();
  if (m) unmark(m);
  else setStatus('Focus or click a highlight first.', true);
});
$('marktype').addEventListener('change', () => {
  const sel = window.getSelection();
  const m = currentMark();
  if (sel.isCollapsed && m) relabel(m, $('marktype').value);
});

function fillTypes() {
  const select = $('marktype');
  for (const { label, types } of KINDS) {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const t of types) group.append(new Option(t, t));
    select.append(group);
  }
}

// ---------------------------------------------------------------------------------------------
// The overview: actors and places grouped by entity with mention counts, and the numbers with
// their readings. Choosing an entry highlights its mentions and goes to the first. Entities can
// be renamed and merged; both are corrections like any other.

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('aria-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  e.append(...children);
  return e;
}

async function renderPanel(doc) {
  const panel = $('panel');
  const parts = [el('h2', {}, 'Overview')];
  for (const { kind, label } of KINDS.slice(0, 2)) {
    const entities = doc.entities.filter((e) => e.kind === kind);
    const list = el('ul', { className: 'entities', 'aria-label': label });
    for (const ent of entities) {
      const others = entities.filter((o) => o.id !== ent.id);
      const n = ent.mentions.length;
      const aliases = ent.aliases.filter((x) => x !== ent.name);
      const go = el(
        'button',
        { type: 'button', className: 'entity', dataset: { entity: ent.id }, title: `Show the mentions of ${ent.name}` },
        el('span', { className: 'name' }, ent.name),
        aliases.length ? el('span', { className: 'aliases' }, ` (${aliases.join(', ')})`) : '',
        el('span', { className: 'mentions', 'aria-label': `, ${n} ${n === 1 ? 'mention' : 'mentions'}` }, ` ×${n}`),
      );
      const rename = el(
        'button',
        { type: 'button', className: 'small', dataset: { rename: ent.id }, title: 'Rename', 'aria-label': `Rename ${ent.name}` },
        '✎',
      );
      const merge = el('select', {
        className: 'small',
        dataset: { merge: ent.id },
        title: 'Merge into another entity',
        'aria-label': `Merge ${ent.name} into another ${kind}`,
      });
      merge.append(new Option('merge…', ''));
      for (const o of others) merge.append(new Option(o.name, o.id));
      merge.disabled = !others.length;
      list.append(el('li', { dataset: { type: ent.type } }, go, el('span', { className: 'tools' }, rename, merge)));
    }
    parts.push(el('h3', {}, `${label} `, el('span', { className: 'count' }, String(entities.length))));
    parts.push(entities.length ? list : el('p', { className: 'none' }, `No ${label.toLowerCase()}.`));
  }
  const rows = await core.call('numbersTable', doc);
  if (doc !== state.doc) return;
  parts.push(el('h3', {}, 'Numbers ', el('span', { className: 'count' }, String(rows.length))));
  if (rows.length) {
    const table = el('table', { className: 'numbers' });
    table.append(el('thead', {}, el('tr', {}, ...['Number, in context', 'Reading', 'Counted'].map((h) => el('th', { scope: 'col' }, h)))));
    const body = el('tbody');
    for (const r of rows) {
      body.append(
        el(
          'tr',
          { className: 'number' },
          el(
            'td',
            {},
            el('button', { type: 'button', className: 'go', dataset: { go: r.start }, title: 'Show it in the article' }, r.text),
            el('div', { className: 'context' }, `…${r.left} `, el('b', {}, r.text), ` ${r.right}…`),
          ),
          el('td', {}, reading(r)),
          el('td', {}, r.counted || ''),
        ),
      );
    }
    table.append(body);
    parts.push(table);
  } else parts.push(el('p', { className: 'none' }, 'No numbers.'));
  const facts = await factsSection(doc);
  if (doc !== state.doc) return;
  parts.push(...facts);
  panel.replaceChildren(...parts);
}

function pick(marks, message) {
  for (const m of $('view').querySelectorAll('mark.picked')) m.classList.remove('picked');
  for (const m of marks) m.classList.add('picked');
  if (!marks.length) return;
  marks[0].scrollIntoView({ block: 'center' });
  marks[0].focus();
  setStatus(message, true);
}

function firstMention(entityId) {
  const ent = state.doc.entities.find((e) => e.id === entityId);
  const a = ent && state.doc.annotations.find((x) => x.id === ent.mentions[0]);
  return a ? { ent, a } : null;
}

$('panel').addEventListener('click', (e) => {
  const go = e.target.closest('button.entity');
  if (go) {
    const marks = [...$('view').querySelectorAll(`mark[data-entity="${go.dataset.entity}"]`)];
    const name = go.querySelector('.name').textContent;
    pick(marks, `${name}: ${marks.length} ${marks.length === 1 ? 'mention' : 'mentions'} highlighted.`);
    return;
  }
  const number = e.target.closest('button.go');
  if (number) {
    const m = $('view').querySelector(`mark[data-start="${number.dataset.go}"]`);
    if (m) pick([m], `«${m.textContent}»`);
    return;
  }
  const rename = e.target.closest('button[data-rename]');
  if (rename) {
    const found = firstMention(rename.dataset.rename);
    if (!found) return;
    const name = (window.prompt(`New name for «${found.ent.name}»:`, found.ent.name) || '').trim();
    if (!name || name === found.ent.name) return;
    const { a } = found;
    const c = { op: 'rename', start: a.start, end: a.end, text: a.text, name };
    commit((now) => ({ ...now, corrections: [...now.corrections, c] }), `Renamed «${found.ent.name}» to «${name}».`);
  }
});

$('panel').addEventListener('change', (e) => {
  const select = e.target.closest('select[data-merge]');
  if (!select || !select.value) return;
  const from = firstMention(select.dataset.merge);
  const into = firstMention(select.value);
  if (!from || !into) return;
  const c = {
    op: 'merge',
    start: from.a.start,
    end: from.a.end,
    text: from.a.text,
    into_start: into.a.start,
    into_end: into.a.end,
    into_text: into.a.text,
  };
  commit(
    (now) => ({ ...now, corrections: [...now.corrections, c] }),
    `Merged «${from.ent.name}» into «${into.ent.name}».`,
  );
});

// ---------------------------------------------------------------------------------------------
// The facts: one row per event (SPEC §2b) in the reader's words, as the core words them.
// Choosing a row shows its sentence and its parts in the article (CSS Custom Highlights, so
// the text and its marks stay as they are); a row can be removed or a field corrected. Both
// are corrections like any other: the core makes them and replays them after every edit.

let factRows = [];
const FACT_FIELDS = [
  ['victims', 'victims'],
  ['agent', 'by'],
  ['target', 'target'],
  ['place', 'where'],
  ['time', 'when'],
  ['source', 'source'],
];

async function factsSection(doc) {
  if (globalThis.CSS && CSS.highlights) CSS.highlights.clear();
  const rows = await core.call('factsTable', doc);
  factRows = rows;
  const parts = [el('h3', {}, 'Facts ', el('span', { className: 'count' }, String(rows.length)))];
  if (!rows.length) {
    parts.push(el('p', { className: 'none' }, 'No facts.'));
    return parts;
  }
  const table = el('table', { className: 'facts' });
  table.append(el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Fact'), el('th', { scope: 'col' }, 'Correct'))));
  const body = el('tbody');
  for (const r of rows) {
    const what = el(
      'button',
      { type: 'button', className: 'fact', dataset: { fact: r.id }, title: 'Show its sentence and parts in the article' },
      r.what,
    );
    // The rest in the order a reader says it: by whom, against what, where, when, who says so.
    const rest = [r.by, r.target, r.place, r.time, r.source].filter(Boolean);
    const line = el('span', { className: 'rest' }, rest.map((x) => ` — ${x}`).join(''));
    const cells = [el('td', {}, what, line, r.part_of ? el('div', { className: 'context' }, r.part_of) : '')];
    const fix = el('select', {
      className: 'small',
      dataset: { fixFact: r.id },
      title: 'Correct a field',
      'aria-label': `Correct a field of «${r.what}»`,
    });
    fix.append(new Option('correct…', ''));
    for (const [field, label] of FACT_FIELDS) fix.append(new Option(label, field));
    const remove = el(
      'button',
      { type: 'button', className: 'small', dataset: { removeFact: r.id }, title: 'Remove this fact', 'aria-label': `Remove the fact «${r.what}»` },
      '✕',
    );
    cells.push(el('td', { className: 'tools' }, fix, remove));
    body.append(el('tr', { className: 'fact', dataset: { type: r.type, id: r.id } }, ...cells));
  }
  table.append(body);
  parts.push(table);
  return parts;
}

// A DOM Range over the article view for code points start..end, or null.
function viewRange(start, end) {
  const walker = document.createTreeWalker($('view'), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let point = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const s = node.data;
    let unit = 0;
    for (;;) {
      if (!started && point === start) {
        range.setStart(node, unit);
        started = true;
      }
      if (started && point === end) {
        range.setEnd(node, unit);
        return range;
      }
      if (unit >= s.length) break;
      unit += s.codePointAt(unit) > 0xffff ? 2 : 1;
      point++;
    }
  }
  return null;
}

function showFact(row) {
  const sentence = viewRange(row.start, row.end);
  const ranges = row.parts.map(([s, e]) => viewRange(s, e)).filter(Boolean);
  if (globalThis.CSS && CSS.highlights && typeof Highlight === 'function') {
    CSS.highlights.set('tusj-fact', sentence ? new Highlight(sentence) : new Highlight());
    CSS.highlights.set('tusj-fact-part', new Highlight(...ranges));
  }
  const inside = (m) => row.parts.some(([s, e]) => Number(m.dataset.start) >= s && Number(m.dataset.end) <= e);
  const picked = [...$('view').querySelectorAll('mark')].filter(inside);
  const words = sentence ? sentence.toString() : '';
  if (picked.length) pick(picked, `${row.what}: «${words}»`);
  else {
    pick([], '');
    sentence?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    setStatus(`${row.what}: «${words}»`, true);
  }
}

$('panel').addEventListener('click', async (e) => {
  const show = e.target.closest('button.fact');
  if (show) {
    const row = factRows.find((r) => r.id === show.dataset.fact);
    if (row) showFact(row);
    return;
  }
  const remove = e.target.closest('button[data-remove-fact]');
  if (!remove) return;
  const row = factRows.find((r) => r.id === remove.dataset.removeFact);
  if (!row) return;
  try {
    const c = await core.call('eventCorrection', state.doc, row.id, true, '', null);
    commit((now) => ({ ...now, corrections: [...now.corrections, c] }), `Removed the fact «${row.what}».`);
  } catch (err) {
    showError(String((err && err.message) || err));
  }
});

$('panel').addEventListener('change', async (e) => {
  const select = e.target.closest('select[data-fix-fact]');
  if (!select || !select.value) return;
  const field = select.value;
  const label = FACT_FIELDS.find(([f]) => f === field)?.[1] || field;
  const row = factRows.find((r) => r.id === select.dataset.fixFact);
  select.value = '';
  if (!row) return;
  const answer = window.prompt(
    `New «${label}» of «${row.what}» — words of its sentence (victims: any words); empty clears it:`,
    '',
  );
  if (answer === null) return;
  const value = answer.trim() || null;
  try {
    const c = await core.call('eventCorrection', state.doc, row.id, false, field, value);
    const said = value === null ? `Cleared «${label}» of «${row.what}».` : `Set «${label}» of «${row.what}» to «${value}».`;
    commit((now) => ({ ...now, corrections: [...now.corrections, c] }), said);
  } catch (err) {
    showError(String((err && err.message) || err));
  }
});

// ---------------------------------------------------------------------------------------------
// Opening files: a .tusj.json continues saved work; a .txt is a new article. Anything else, or
// a file the core rejects, gets a message and leaves the current work as it was.

function baseOf(fileName) {
  return fileName.replace(/\.(tusj\.json|json|txt)$/i, '');
}

async function openFile(file) {
  const lower = file.name.toLowerCase();
  const isJson = lower.endsWith('.json');
  const isText = lower.endsWith('.txt') || (!isJson && file.type === 'text/plain');
  if (!isJson && !isText) {
    showError(`«${file.name}» is neither a .txt article nor a .tusj.json document; nothing was changed.`);
    return;
  }
  let content;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    showError(`«${file.name}» is not UTF-8 text; nothing was changed.`);
    return;
  }
  if (isJson) {
    let doc;
    try {
      doc = await core.call('openJson', content);
    } catch (err) {
      showError(`«${file.name}» could not be opened: ${err.message}. Your current work is unchanged.`);
      return;
    }
    clearError();
    await commit(
      { text: doc.text, corrections: doc.corrections || [], name: baseOf(file.name) },
      `Opened «${file.name}» with ${(doc.corrections || []).length} corrections. Undo (Ctrl+Z) returns to the previous article.`,
    );
  } else {
    clearError();
    await commit(
      { text: content.replace(/^\uFEFF/, ''), corrections: [], name: baseOf(file.name) },
      `Opened «${file.name}». Undo (Ctrl+Z) returns to the previous article.`,
    );
  }
}

$('open').addEventListener('click', () => $('file').click());
$('file').addEventListener('change', () => {
  const file = $('file').files[0];
  $('file').value = '';
  if (file) openFile(file);
});

const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
document.addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  document.body.classList.add('dropping');
}, true);
document.addEventListener('dragleave', (e) => {
  if (!e.relatedTarget) document.body.classList.remove('dropping');
});
document.addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.stopPropagation();
  document.body.classList.remove('dropping');
  const file = e.dataTransfer.files[0];
  if (file) openFile(file);
}, true);

$('new').addEventListener('click', () => {
  commit({ text: '', corrections: [], name: '' }, 'New, empty article. Undo (Ctrl+Z) brings the previous one back.');
  source.focus();
});

// ---------------------------------------------------------------------------------------------
// Export: every format is written by the core.

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

async function exportDoc(format) {
  await settle();
  if (!state.doc) throw new Error('nothing is annotated yet');
  const [content, name, type] = await Promise.all([
    core.call('exportAs', state.doc, format),
    core.call('fileName', state.doc, state.name, format),
    core.call('mediaType', format),
  ]);
  return { content, name, type };
}

async function exportTo(format) {
  try {
    const { content, name, type } = await exportDoc(format);
    download(name, content, type);
    setStatus(`Exported ${name}.`, true);
  } catch (err) {
    showError(`Export failed: ${err.message}.`);
  }
}

$('export').addEventListener('click', () => exportTo('tusj'));
$('export-other').addEventListener('click', () => exportTo($('format').value));
$('copy').addEventListener('click', async () => {
  try {
    const { content } = await exportDoc('tusj');
    await navigator.clipboard.writeText(content);
    setStatus('The JSON is on the clipboard.', true);
  } catch (err) {
    showError(`Copy failed: ${err.message}.`);
  }
});

// Undo and redo everywhere, the text box included (its own undo would not know the
// corrections); Ctrl+O opens a file.
document.addEventListener('keydown', (e) => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const key = e.key.toLowerCase();
  if (key === 'z' && !e.shiftKey) {
    e.preventDefault();
    undo();
  } else if ((key === 'z' && e.shiftKey) || key === 'y') {
    e.preventDefault();
    redo();
  } else if (key === 'o') {
    e.preventDefault();
    $('file').click();
  }
});
$('undo').addEventListener('click', undo);
$('redo').addEventListener('click', redo);

// ---------------------------------------------------------------------------------------------
// Start: restore saved work, else wait for a paste.

(async () => {
  fillTypes();
  try {
    await core.ready;
    $('version').textContent = `v${await core.call('version')}`;
    document.documentElement.dataset.ready = 'true';
    const saved = load();
    if (saved && (saved.text || saved.corrections.length)) {
      const n = saved.corrections.length;
      await restore(saved, `Restored your article${n ? ` and ${n} ${n === 1 ? 'correction' : 'corrections'}` : ''} from the last session.`);
    } else {
      setStatus('Ready: paste an article (Ctrl+V).');
      if (source.value) settleSoon();
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
