// Corrections: select words and mark them (keys a, p, n or the toolbar), relabel or remove a
// focused mark. Each is a correction with code point offsets and the words it was made on.


// The one place that makes a correction from an annotation, and the one that adds it to the
// work. (Marking selected words asks the core: `markCorrection` trims the selection and
// reads its text.)
const correction = {
  mark: (a, type) => ({ op: 'mark', start: a.start, end: a.end, text: a.text, type }),
  unmark: (a) => ({ op: 'unmark', start: a.start, end: a.end, text: a.text }),
  rename: (a, name) => ({ op: 'rename', start: a.start, end: a.end, text: a.text, name }),
  merge: (a, into) => ({
    op: 'merge',
    start: a.start,
    end: a.end,
    text: a.text,
    into_start: into.start,
    into_end: into.end,
    into_text: into.text,
  }),
};

function addCorrection(c, message) {
  return commit((now) => ({ ...now, corrections: [...now.corrections, c] }), message);
}

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
  const types = vocab.kinds.find((k) => k.kind === kind).types;
  const chosen = $('marktype').value;
  if (currentType && vocab.kindOf[currentType] === kind) {
    return types[(types.indexOf(currentType) + 1) % types.length]; // pressing again cycles
  }
  return vocab.kindOf[chosen] === kind ? chosen : types[0];
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
  await addCorrection(c, `Marked «${c.text}» as ${type}.`);
}

function relabel(mark, type) {
  const a = annotationOf(mark);
  if (!a || a.type === type) return;
  state.focus = a.start;
  return addCorrection(correction.mark(a, type), `«${a.text}» is now ${type}.`);
}

function unmark(mark) {
  const a = annotationOf(mark);
  if (!a) return;
  state.focus = a.end;
  return addCorrection(correction.unmark(a), `Removed the highlight «${a.text}». Undo (Ctrl+Z) brings it back.`);
}

function currentMark() {
  const m = document.activeElement;
  if (m && m.matches && m.matches('#view mark')) return m;
  return state.current === null ? null : $('view').querySelector(`mark[data-start="${state.current}"]`);
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
  for (const { label, types } of vocab.kinds) {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const t of types) group.append(new Option(t, t));
    select.append(group);
  }
}

// In the text box the letters type; Alt+A, Alt+P and Alt+N mark the selected words there.
source.addEventListener('keydown', (e) => {
  const kind = KEY_KIND[e.key.toLowerCase()] || KEY_KIND[(e.code || '').replace(/^Key/, '').toLowerCase()];
  if (!e.altKey || e.ctrlKey || e.metaKey || !kind) return;
  e.preventDefault();
  markSelection(kind);
});
