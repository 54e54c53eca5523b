// Corrections: select words and mark them (keys a, p, n or the toolbar), relabel or remove a
// focused mark — one mention, or every mention of the same name with Shift. Each is a
// correction with code point offsets and the words it was made on; one step of several
// corrections is one commit, so one Undo reverts it.


// The one place that makes a correction from an annotation, and the one that adds them to
// the work. (Marking selected words asks the core: `markCorrection` trims the selection and
// reads its text, `markAll` finds every whole-word occurrence.)
const correction = {
  mark: (a, type) => ({ op: 'mark', start: a.start, end: a.end, text: a.text, type }),
  unmark: (a) => ({ op: 'unmark', start: a.start, end: a.end, text: a.text }),
  rename: (a, name) => ({ op: 'rename', start: a.start, end: a.end, text: a.text, name }),
  // `r`: { value, qualifier, upper, unit, counted }, as the number form reads them.
  reading: (a, r) => ({ op: 'reading', start: a.start, end: a.end, text: a.text, ...r }),
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
  return addCorrections([c], message);
}

// Several corrections as one step: one Undo takes them all back. The message, with its Undo
// button, is shown at once, not after the article and the overview are drawn again.
function addCorrections(list, message) {
  return commit((now) => ({ ...now, corrections: [...now.corrections, ...list] }), message, { undo: true });
}

function codePoints(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate belongs to the code point before it
  }
  return n;
}

// The selected words in the article view as code point offsets, or null.
function viewSelection() {
  const sel = window.getSelection();
  const view = $('view');
  if (!sel.rangeCount || sel.isCollapsed || !view.contains(sel.getRangeAt(0).commonAncestorContainer)) return null;
  const range = sel.getRangeAt(0);
  const before = document.createRange();
  before.setStart(view, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = codePoints(before.toString());
  return { start, end: start + codePoints(range.toString()) };
}

// The words selected in the text box as code point offsets, or null.
// (A long article's box holds a section of it: offsets count from the article's start.)
function sourceSelection() {
  if (source.selectionEnd > source.selectionStart && boxIs(state.text)) {
    const from = sectionOffset() + source.selectionStart;
    const start = codePoints(state.text.slice(0, from));
    return { start, end: start + codePoints(source.value.slice(source.selectionStart, source.selectionEnd)) };
  }
  return null;
}

// The next type of `kind` for a mark that has `currentType`: pressing a key again cycles.
function nextType(kind, currentType) {
  const types = vocab.kinds.find((k) => k.kind === kind).types;
  if (vocab.kindOf[currentType] === kind) return types[(types.indexOf(currentType) + 1) % types.length];
  return null;
}

// Marks the selected words (in the text box when `fromSource`, else in the view) as `kind`,
// with the type the model finds most likely for them; `all` marks every whole-word
// occurrence. Marking from the text box leaves the focus and the caret there.
async function markSelection(kind, { all = false, fromSource = false, type = null } = {}) {
  await settle();
  const inView = !fromSource && viewSelection();
  const range = inView || sourceSelection();
  fromSource = !inView;
  if (!range) {
    setStatus('Select some words in the article first (mouse, or Shift+arrows in the text box).', true);
    return;
  }
  const chosen = type || (await core.call('likelyType', state.text, range.start, range.end, kind));
  const list = all
    ? await core.call('markAll', state.text, range.start, range.end, chosen)
    : [await core.call('markCorrection', state.text, range.start, range.end, chosen)].filter(Boolean);
  if (!list.length) return setStatus('Only spaces are selected.', true);
  if (!fromSource) {
    window.getSelection().removeAllRanges();
    state.focus = list[0].start;
  }
  const words = list[0].text;
  const message =
    list.length === 1
      ? `Marked «${words}» as ${chosen}.`
      : `Marked ${list.length} occurrences of «${words}» as ${chosen}.`;
  await addCorrections(list, message);
  if (fromSource && document.activeElement !== source) source.focus();
}

// The annotations that are mentions of the same name as `a`: its entity's mentions, or for
// a number (which has no entity) the numbers with the same words.
function mentionsOf(a) {
  const doc = state.doc;
  if (a.entity) {
    const ent = doc.entities.find((e) => e.id === a.entity);
    if (ent) {
      const ids = new Set(ent.mentions);
      return { name: ent.name, list: doc.annotations.filter((x) => ids.has(x.id)) };
    }
  }
  const words = a.text.replace(/\s+/g, ' ');
  return { name: words, list: doc.annotations.filter((x) => x.kind === a.kind && x.text.replace(/\s+/g, ' ') === words) };
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function relabel(mark, type, all = false) {
  const a = annotationOf(mark);
  if (!a) return;
  state.focus = a.start;
  if (!all) {
    if (a.type === type) return;
    return addCorrection(correction.mark(a, type), `«${a.text}» is now ${type}.`);
  }
  const { name, list } = mentionsOf(a);
  const changed = list.filter((x) => x.type !== type);
  if (!changed.length) return setStatus(`Every mention of «${name}» is ${type} already.`, true);
  return addCorrections(changed.map((x) => correction.mark(x, type)), `${plural(list.length, 'mention', 'mentions')} of «${name}» ${list.length === 1 ? 'is' : 'are'} now ${type}.`);
}

function unmark(mark, all = false) {
  const a = annotationOf(mark);
  if (!a) return;
  state.focus = a.end;
  if (!all) return addCorrection(correction.unmark(a), `Removed the highlight «${a.text}».`);
  const { name, list } = mentionsOf(a);
  return addCorrections(list.map(correction.unmark), `Removed ${plural(list.length, 'mention', 'mentions')} of «${name}».`);
}

function currentMark() {
  const m = document.activeElement;
  if (m && m.matches && m.matches('#view mark')) return m;
  return state.current === null ? null : $('view').querySelector(`mark[data-start="${state.current}"]`);
}

// The toolbar names the highlight it acts on and how many mentions its name has.
// (Each drawing calls it: what has not changed is left alone, since setting a select's value
// or a text, even to what it is, is work for the browser before the highlights are in.)
function updateMarkTools() {
  const m = state.current === null ? null : $('view').querySelector(`mark[data-start="${state.current}"]`);
  const a = m && annotationOf(m);
  const n = a ? mentionsOf(a).list.length : 0;
  const set = (id, field, value) => {
    if ($(id)[field] !== value) $(id)[field] = value;
  };
  set('marktarget', 'textContent', a ? `«${a.text}»` : 'none');
  set('marktype', 'value', a ? a.type : '');
  for (const id of ['marktype', 'unmark', 'unmark-all', 'relabel-all']) set(id, 'disabled', !a);
  set('unmark-all', 'textContent', a ? `Remove all ${plural(n, 'mention', 'mentions')}` : 'Remove all mentions');
  set('relabel-all', 'textContent', a ? `Set all ${plural(n, 'mention', 'mentions')} to this type` : 'Set all mentions to this type');
}

function setCurrent(start) {
  state.current = start;
  updateMarkTools();
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
    unmark(m, e.shiftKey);
  } else if (KEY_KIND[key]) {
    e.preventDefault();
    // Words selected around or inside the focused highlight are marked; a selection left
    // over elsewhere does not win over the highlight that has the focus.
    const sel = window.getSelection();
    const selected = !sel.isCollapsed && sel.rangeCount && (!m || sel.getRangeAt(0).intersectsNode(m));
    if (selected) markSelection(KEY_KIND[key], { all: e.shiftKey });
    else if (m) {
      const type = nextType(KEY_KIND[key], m.dataset.type);
      relabel(m, type || vocab.kinds.find((k) => k.kind === KEY_KIND[key]).types[0], e.shiftKey);
    }
  }
});

// Toolbar buttons keep the selection: they do not take it away on mouse down.
$('marktools').addEventListener('mousedown', (e) => {
  if (e.target.closest('button')) e.preventDefault();
});
$('marktools').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-mark]');
  if (b) markSelection(b.dataset.mark, { all: e.shiftKey });
});
$('unmark').addEventListener('click', () => {
  const m = currentMark();
  if (m) unmark(m);
  else setStatus('Focus or click a highlight first.', true);
});
$('unmark-all').addEventListener('click', () => {
  const m = currentMark();
  if (m) unmark(m, true);
});
$('relabel-all').addEventListener('click', () => {
  const m = currentMark();
  if (m) relabel(m, $('marktype').value, true);
});
// The Type list changes the highlight the toolbar names, and only that one.
$('marktype').addEventListener('change', () => {
  const m = currentMark();
  if (m && $('marktype').value) relabel(m, $('marktype').value);
});

// The toolbar acts on the focused highlight while the person stays with it (the highlight,
// the toolbar, its tooltip); going to the text box, another control or a new selection of
// words lets it go, so a later change of the Type list cannot relabel it by surprise.
document.addEventListener('focusin', (e) => {
  if (e.target.closest('#view mark')) setCurrent(e.target.closest('mark').dataset.start);
  else if (!e.target.closest('#marktools') && state.current !== null) setCurrent(null);
});
document.addEventListener('selectionchange', () => {
  const sel = window.getSelection();
  const m = state.current === null ? null : $('view').querySelector(`mark[data-start="${state.current}"]`);
  if (m && !sel.isCollapsed && sel.rangeCount && !sel.getRangeAt(0).intersectsNode(m)) setCurrent(null);
});

function fillTypes() {
  const select = $('marktype');
  select.append(new Option('—', '')); // shown while no highlight is focused
  for (const { label, types } of vocab.kinds) {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const t of types) group.append(new Option(t, t));
    select.append(group);
  }
  updateMarkTools();
}

// In the text box the letters type; Alt+A, Alt+P and Alt+N mark the selected words there
// (with Shift, every occurrence), and the focus stays in the text box.
source.addEventListener('keydown', (e) => {
  const kind = KEY_KIND[e.key.toLowerCase()] || KEY_KIND[(e.code || '').replace(/^Key/, '').toLowerCase()];
  if (!e.altKey || e.ctrlKey || e.metaKey || !kind) return;
  e.preventDefault();
  markSelection(kind, { all: e.shiftKey, fromSource: true });
});
