// Rendering. Offsets in the document count code points; JavaScript strings count UTF-16 units,
// so one walk over the text converts them. The article is drawn as one block per paragraph
// (so the browser lays out only what changed) and in slices of a few milliseconds each, so
// that the page keeps answering while thousands of marks are added to a long article.

const SLICE_MS = 12;

function yieldToBrowser() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(doc) {
  const generation = ++state.renderGeneration;
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
      if (generation !== state.renderGeneration) return false;
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
  for (const { kind, label } of vocab.kinds) {
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
