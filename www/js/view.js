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

// What is drawn: the text, its annotations, where they are in UTF-16 units and its blocks
// (blocksOf), and each block's element. An edit redraws only the blocks between the unchanged
// ones at the start and at the end; the marks of those get their ids and offsets brought up to
// date. null: draw everything.
let drawn = null;

// The article cut into blocks (a new block after each run of line breaks): {blocks, units}.
// A block is {from, to} (UTF-16 units) with the annotations anns[first..last) that start in
// it; `units` holds each annotation's start and end in UTF-16 units, two to an annotation. (One
// typed array and an object per block, not an object per mark nor a string per block to
// compare: a 10 MB article has 170,000 marks in 70,000 blocks, and what a drawing leaves
// behind is what the next collection of garbage goes through.) No DOM, in slices (`more`, a
// slicer). null when `more` says it is not wanted.
async function blocksOf(text, anns, more) {
  const units = new Int32Array(2 * anns.length);
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
  let block = { from: 0, to: text.length, first: 0, last: 0 };
  blocks.push(block);
  let next = breaks.exec(text);
  const startBlocksUpTo = (u, i) => {
    while (next && next.index + next[0].length <= u) {
      const at = next.index + next[0].length;
      block.to = at;
      block = { from: at, to: text.length, first: i, last: i };
      blocks.push(block);
      next = breaks.exec(text);
    }
  };
  for (let i = 0; i < anns.length; i++) {
    if (i % 1000 === 999 && !(await more())) return null;
    const a = anns[i];
    const from = advance(a.start);
    startBlocksUpTo(from, i);
    units[2 * i] = from;
    units[2 * i + 1] = advance(a.end);
    block.last = i + 1;
  }
  startBlocksUpTo(text.length, anns.length);
  return { blocks: text ? blocks : [], units };
}

// Whether block p of `was` and block q of `now` ({text, anns, units, blocks}) look the same:
// the same text, and marks of the same kinds, types and sources at the same places in it, with
// or without an entity (ids and offsets in the document aside, which shift with any edit
// before them).
function sameBlock(was, p, now, q) {
  const x = was.blocks[p];
  const y = now.blocks[q];
  if (x.to - x.from !== y.to - y.from || x.last - x.first !== y.last - y.first) return false;
  for (let i = x.first, j = y.first; i < x.last; i++, j++) {
    if (was.units[2 * i] - x.from !== now.units[2 * j] - y.from) return false;
    if (was.units[2 * i + 1] - x.from !== now.units[2 * j + 1] - y.from) return false;
    const a = was.anns[i];
    const b = now.anns[j];
    if (a.kind !== b.kind || a.type !== b.type || a.source !== b.source || !a.entity !== !b.entity) return false;
  }
  return was.text.slice(x.from, x.to) === now.text.slice(y.from, y.to);
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

// Block b of `now` ({text, anns, units, marks}) as an element; its marks go in `marks`.
function drawBlock({ text, anns, units, marks }, b) {
  const div = document.createElement('div');
  div.className = 'para';
  let at = b.from;
  for (let i = b.first; i < b.last; i++) {
    const from = units[2 * i];
    const to = units[2 * i + 1];
    if (from > at) div.append(text.slice(at, from));
    const mark = newMark(anns[i]);
    marks[i] = mark;
    mark.textContent = text.slice(from, to);
    div.append(mark);
    at = to;
  }
  if (at < b.to) div.append(text.slice(at, b.to));
  return div;
}

async function render(doc) {
  const generation = ++state.renderGeneration;
  const view = $('view');
  const text = doc.text;
  hideTip();
  const cut = await blocksOf(text, doc.annotations, slicer(() => generation !== state.renderGeneration));
  if (!cut) return false;
  const { blocks, units } = cut;
  // `marks`: the mark of each annotation, as drawn or kept. (Held, so that an edit before
  // 170,000 marks brings their offsets up to date without making each mark's script object
  // again: objects made by the hundred thousand made collections of garbage of 100–770 ms.)
  const now = { text, anns: doc.annotations, units, blocks, marks: new Array(doc.annotations.length) };
  const old = drawn;
  // The unchanged blocks at the start and at the end.
  let head = 0;
  let tail = 0;
  if (old) {
    const max = Math.min(old.blocks.length, blocks.length);
    while (head < max && sameBlock(old, head, now, head)) head++;
    while (tail < max - head && sameBlock(old, old.blocks.length - 1 - tail, now, blocks.length - 1 - tail)) tail++;
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
    const div = drawBlock(now, blocks[i]);
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
  // (A loop, not `push(...kept)`: a call takes at most about 120,000 arguments, and an article
  // of short lines has more blocks than that.)
  for (const e of kept) elements.push(e);
  // The kept blocks: their marks' ids, offsets and entities follow the document. What was
  // drawn is compared, not the page (reading thousands of marks' attributes would cost more
  // than the drawing); only the attributes that changed are set. (A kept block's marks have
  // the kinds, types and sources they had: sameBlock.)
  const shift = blocks.length - (old ? old.blocks.length : 0);
  for (let k = 0; k < head + tail; k++) {
    const i = k < head ? k : blocks.length - tail + (k - head); // the head's blocks, then the tail's
    const was = old.blocks[i < head ? i : i - shift];
    const block = blocks[i];
    for (let k = 0; k < block.last - block.first; k++) {
      const a = now.anns[block.first + k];
      const b = old.anns[was.first + k];
      const mark = old.marks[was.first + k];
      now.marks[block.first + k] = mark;
      if (a === b) continue; // (the worker left it out of its answer: worker.js, pieces)
      if (a.start !== b.start) mark.setAttribute('data-start', a.start);
      if (a.end !== b.end) mark.setAttribute('data-end', a.end);
      if (a.id !== b.id) mark.setAttribute('data-id', a.id);
      if ((a.entity || '') !== (b.entity || '')) {
        if (a.entity) mark.setAttribute('data-entity', a.entity);
        else mark.removeAttribute('data-entity');
      }
    }
    if (!(await pause(i, blocks.length, 'Updating highlights'))) return false;
  }
  for (const m of view.querySelectorAll('mark.picked')) m.classList.remove('picked');
  drawn = { ...now, elements };
  view.dataset.blocks = `${blocks.length - head - tail}/${blocks.length}`; // redrawn/all, for tests
  // One tab stop for the whole article (roving tabindex): the mark to focus, else the first.
  const target = (state.focus !== null && nearestMark(state.focus)) || view.querySelector('mark');
  tabStop(target);
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

// The article's one tab stop (roving tabindex): `mark`, or none. Every mark is drawn with
// tabindex -1 and only this function gives one 0, so the last one it gave it to is the only
// one to take it back from (not found among all the marks of a long article at each drawing).
let stop = null;
function tabStop(mark) {
  if (stop && stop !== mark) stop.tabIndex = -1;
  stop = mark;
  if (mark) mark.tabIndex = 0;
}

// The mark starting at `start`, else the next one after it, else the last one.
function nearestMark(start) {
  const marks = [...$('view').querySelectorAll('mark')];
  return marks.find((m) => Number(m.dataset.start) >= start) || marks[marks.length - 1] || null;
}

// The legend is made once; each drawing sets its counts (and takes away the note on other
// languages, which markLanguages puts back if it still applies). Making its elements again at
// each drawing took 0.2–0.4 ms of the time from a paste to its highlights.
let legendCounts = null; // {kind: the element of its count, users: the text of the note}
function renderLegend(doc) {
  const counts = { actor: 0, place: 0, number: 0 };
  let users = 0;
  for (const a of doc.annotations) {
    counts[a.kind]++;
    if (a.source === 'user') users++;
  }
  legendCounts ||= makeLegend();
  for (const { kind } of vocab.kinds) {
    const count = legendCounts[kind];
    if (count.textContent !== String(counts[kind])) count.textContent = String(counts[kind]);
  }
  if (legendCounts.users.data !== ownNote(users)) legendCounts.users.data = ownNote(users);
  for (const note of $('legend').querySelectorAll('.languages')) note.remove();
}

const ownNote = (users) => ` your corrections (${users}) · counts are highlights; the overview counts mentions per name`;

function makeLegend() {
  const legend = $('legend');
  legend.replaceChildren();
  const made = {};
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
    made[kind] = count;
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
  made.users = document.createTextNode(ownNote(0));
  own.append(swatch, made.users);
  legend.append(own);
  return made;
}

$('legend').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-kind]');
  if (!b) return;
  const kind = b.dataset.kind;
  const hidden = $('view').classList.toggle(`hide-${kind}`);
  b.setAttribute('aria-pressed', String(!hidden));
});
