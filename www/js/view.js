// Rendering. Offsets in the document count code points; JavaScript strings count UTF-16 units,
// so one walk over the text converts them. The article is drawn as one block per paragraph,
// and an edit redraws only the blocks that changed (so the browser lays out only those), in
// slices of a few milliseconds each, so that the page keeps answering while thousands of
// marks are added to a long article.

const SLICE_MS = 12;

function yieldToBrowser() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// For long loops that build off the page: `await more()` yields to the browser once a slice
// of SLICE_MS has run (core.js: nextTask), and is false when `stale()` says the work is no
// longer wanted.
function slicer(stale) {
  let start = performance.now();
  return async () => {
    if (performance.now() - start <= SLICE_MS) return true;
    await nextTask();
    start = performance.now();
    return !stale();
  };
}

// What is drawn: per block, its signature (text and marks, without ids and offsets, which
// shift with any edit before it), the annotations drawn in it and its element. An edit
// redraws only the blocks between the unchanged ones at the start and at the end; the marks
// of those get their ids and offsets brought up to date. null: draw everything.
let drawn = null;

// The article cut into blocks (a new block after each run of line breaks), each with its text
// and its annotations as UTF-16 ranges within it. No DOM, in slices (`more`, a slicer): a
// 10 MB article is a few hundred milliseconds of it. null when `more` says it is not wanted.
async function blocksOf(text, anns, more) {
  const blocks = [];
  let unit = 0; // UTF-16 index
  let point = 0; // code point index
  const advance = (target) => {
    while (point < target && unit < text.length) {
      unit += text.codePointAt(unit) > 0xffff ? 2 : 1;
      point++;
    }
    return unit;
  };
  // Block starts: after each run of line breaks (the breaks stay in the block before).
  const breaks = /\n+(?=[^\n])/g;
  let block = { from: 0, to: text.length, marks: [] };
  blocks.push(block);
  let next = breaks.exec(text);
  const startBlocksUpTo = (u) => {
    while (next && next.index + next[0].length <= u) {
      const at = next.index + next[0].length;
      block.to = at;
      block = { from: at, to: text.length, marks: [] };
      blocks.push(block);
      next = breaks.exec(text);
    }
  };
  for (let i = 0; i < anns.length; i++) {
    if (i % 1000 === 999 && !(await more())) return null;
    const a = anns[i];
    const from = advance(a.start);
    startBlocksUpTo(from);
    const to = advance(a.end);
    block.marks.push({ from: from - block.from, to: to - block.from, a });
  }
  startBlocksUpTo(text.length);
  for (let i = 0; i < blocks.length; i++) {
    if (i % 1000 === 999 && !(await more())) return null;
    const b = blocks[i];
    const parts = [text.slice(b.from, b.to)];
    for (const m of b.marks) parts.push(m.from, m.to, m.a.kind, m.a.type, m.a.source, m.a.entity ? 1 : 0);
    b.sig = parts.join('\u0000');
  }
  return text ? blocks : [];
}

// (Attributes, not `dataset`: a mark's dataset is an object of its own, kept as long as the
// mark, and a long article has 170,000 marks whose offsets change at each edit before them.)
function markAttributes(mark, a) {
  mark.setAttribute('data-kind', a.kind);
  mark.setAttribute('data-type', a.type);
  mark.setAttribute('data-id', a.id);
  mark.setAttribute('data-start', a.start);
  mark.setAttribute('data-end', a.end);
  mark.setAttribute('data-source', a.source);
  if (a.entity) mark.setAttribute('data-entity', a.entity);
  else mark.removeAttribute('data-entity');
  mark.setAttribute('tabindex', '-1');
  // A screen reader reads the words, then the description: «actor: person, your
  // correction». (An aria-label on a mark, which has no role that takes a name, is not
  // announced reliably and axe reports it.)
  mark.setAttribute('aria-describedby', markDescription(a));
}

// A new mark: a copy of one made once per kind, type and source, with what the three decide
// (markAttributes's), given its own id, offsets and entity. (Copying it is about a third
// cheaper than setting nine attributes on a new element; a 1 MB article has 17,000 marks.)
const markPrototypes = new Map();
function newMark(a) {
  const key = `${a.kind}\u0000${a.type}\u0000${a.source}`;
  let proto = markPrototypes.get(key);
  if (!proto) {
    proto = document.createElement('mark');
    markAttributes(proto, { ...a, id: '', start: '', end: '', entity: null });
    for (const name of ['data-id', 'data-start', 'data-end']) proto.removeAttribute(name);
    markPrototypes.set(key, proto);
  }
  const mark = proto.cloneNode(false);
  mark.setAttribute('data-id', a.id);
  mark.setAttribute('data-start', a.start);
  mark.setAttribute('data-end', a.end);
  if (a.entity) mark.setAttribute('data-entity', a.entity);
  return mark;
}

function drawBlock(text, b) {
  const div = document.createElement('div');
  div.className = 'para';
  let at = 0;
  for (const m of b.marks) {
    if (m.from > at) div.append(text.slice(b.from + at, b.from + m.from));
    const mark = newMark(m.a);
    mark.textContent = text.slice(b.from + m.from, b.from + m.to);
    div.append(mark);
    at = m.to;
  }
  if (b.from + at < b.to) div.append(text.slice(b.from + at, b.to));
  return div;
}

async function render(doc) {
  const generation = ++state.renderGeneration;
  const view = $('view');
  const text = doc.text;
  hideTip();
  const blocks = await blocksOf(text, doc.annotations, slicer(() => generation !== state.renderGeneration));
  if (!blocks) return false;
  const old = drawn;
  // The unchanged blocks at the start and at the end.
  let head = 0;
  let tail = 0;
  if (old) {
    const max = Math.min(old.sigs.length, blocks.length);
    while (head < max && old.sigs[head] === blocks[head].sig) head++;
    while (tail < max - head && old.sigs[old.sigs.length - 1 - tail] === blocks[blocks.length - 1 - tail].sig) tail++;
  }
  let sliceStart = performance.now();
  let shown = () => {}; // puts what is drawn of this slice in the view, before a pause
  const pause = async (done, total, what) => {
    if (performance.now() - sliceStart <= SLICE_MS) return true;
    shown();
    setStatus(`${what}… ${Math.round((done * 100) / Math.max(1, total))}%`);
    await nextTask();
    sliceStart = performance.now();
    return generation === state.renderGeneration;
  };
  // The changed blocks, drawn slice by slice off the page and put in before the kept tail at
  // each pause: the browser lays out a slice or a few per frame, never the whole article at once.
  // At the end of the article each slice is a chunk of its own (style.css: a chunk out of
  // sight is not laid out or painted, and there are a few hundred chunks, not tens of
  // thousands of paragraphs, for the browser to keep track of).
  const kept = old ? old.elements.slice(old.elements.length - tail) : [];
  const before = kept[0] || null;
  const fresh = document.createDocumentFragment();
  let cleared = false;
  shown = () => {
    if (!cleared) {
      cleared = true;
      drawn = null; // until this drawing is complete
      if (old && old.elements.length) {
        for (const e of old.elements.slice(head, old.elements.length - tail)) {
          const chunk = e.parentNode;
          e.remove();
          if (chunk !== view && !chunk.firstChild) chunk.remove();
        }
      } else view.replaceChildren(); // the first drawing, or the placeholder of an empty article
    }
    if (!fresh.firstChild) return;
    if (before) before.before(fresh);
    else {
      const chunk = document.createElement('div');
      chunk.className = 'chunk';
      chunk.append(fresh);
      view.append(chunk);
    }
  };
  const elements = old ? old.elements.slice(0, head) : [];
  for (let i = head; i < blocks.length - tail; i++) {
    const div = drawBlock(text, blocks[i]);
    fresh.append(div);
    elements.push(div);
    if (!(await pause(i, blocks.length, 'Drawing highlights'))) return false;
  }
  shown();
  shown = () => {};
  if (!text) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'The annotated article appears here.';
    view.replaceChildren(p);
  }
  elements.push(...kept);
  // The kept blocks: their marks' ids and offsets follow the document. What was drawn is
  // compared, not the page (reading thousands of marks' attributes would cost more than
  // the drawing); only the marks that changed are touched.
  const same = (a, b) => a.id === b.id && (a.entity || '') === (b.entity || '');
  const shift = blocks.length - (old ? old.anns.length : 0);
  for (const i of [...Array(head).keys(), ...Array.from({ length: tail }, (_, k) => blocks.length - tail + k)]) {
    const was = old.anns[i < head ? i : i - shift];
    let marks = null;
    const now = blocks[i].marks;
    for (let k = 0; k < now.length; k++) {
      const a = now[k].a;
      const b = was[k];
      if (same(a, b) && a.start === b.start && a.end === b.end) continue;
      marks ||= elements[i].getElementsByTagName('mark');
      if (!same(a, b)) markAttributes(marks[k], a);
      else {
        marks[k].setAttribute('data-start', a.start);
        marks[k].setAttribute('data-end', a.end);
      }
    }
    if (!(await pause(i, blocks.length, 'Updating highlights'))) return false;
  }
  for (const m of view.querySelectorAll('mark[tabindex="0"]')) m.tabIndex = -1;
  for (const m of view.querySelectorAll('mark.picked')) m.classList.remove('picked');
  drawn = { sigs: blocks.map((b) => b.sig), anns: blocks.map((b) => b.marks.map((m) => m.a)), elements };
  view.dataset.blocks = `${blocks.length - head - tail}/${blocks.length}`; // redrawn/all, for tests
  // One tab stop for the whole article (roving tabindex): the mark to focus, else the first.
  const target = (state.focus !== null && nearestMark(state.focus)) || view.querySelector('mark');
  if (target) target.tabIndex = 0;
  if (state.focus !== null && target) target.focus();
  state.focus = null;
  renderLegend(doc);
  markLanguages(doc, elements);
  return true;
}

// The ids of the hidden descriptions a mark points to: its kind and type, and whether it is
// the person's own correction. The descriptions are made once, from the core's vocabulary.
function markDescription(a) {
  if (!$('mark-descriptions').childElementCount) {
    const own = document.createElement('span');
    own.id = 'describe-user';
    own.textContent = 'your correction';
    $('mark-descriptions').append(own);
    for (const { kind, types } of vocab.kinds) {
      for (const type of types) {
        const d = document.createElement('span');
        d.id = `describe-${type}`;
        d.textContent = `${kind}: ${type}`;
        $('mark-descriptions').append(d);
      }
    }
  }
  return a.source === 'user' ? `describe-${a.type} describe-user` : `describe-${a.type}`;
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
  let users = 0;
  for (const a of doc.annotations) {
    counts[a.kind]++;
    if (a.source === 'user') users++;
  }
  for (const { kind, label } of vocab.kinds) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'legend-item';
    b.dataset.kind = kind;
    const shown = !$('view').classList.contains(`hide-${kind}`);
    b.setAttribute('aria-pressed', String(shown));
    b.title = `Show or hide ${label.toLowerCase()}; the number counts their highlights`;
    // A span, not a mark: `mark[data-kind]` finds the article's highlights and nothing else.
    const swatch = document.createElement('span');
    swatch.dataset.swatch = kind;
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
  // What the look of a person's own marks means, and what the counts count.
  const own = document.createElement('span');
  own.className = 'legend-note';
  const swatch = document.createElement('span');
  swatch.className = 'swatch own';
  swatch.setAttribute('aria-hidden', 'true');
  swatch.textContent = 'Abc';
  own.append(swatch, ` your corrections (${users}) · counts are highlights; the overview counts mentions per name`);
  legend.append(own);
}

$('legend').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-kind]');
  if (!b) return;
  const kind = b.dataset.kind;
  const hidden = $('view').classList.toggle(`hide-${kind}`);
  b.setAttribute('aria-pressed', String(!hidden));
});
