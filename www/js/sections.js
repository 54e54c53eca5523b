// Long articles in the text box, a section at a time. A Chromium text box holding a few
// megabytes costs a second or more per key (its editing and layout cover the whole text), so
// past SECTION_FROM characters the box holds one section of the article, about SECTION_SIZE
// characters cut at paragraph breaks, and the bar above it says which characters these are
// and moves to the previous or the next section. The whole text stays in the page's state
// (`state.section` holds the text before and after the box): saving, export, undo and the
// corrections work on the whole article, and the annotated view below shows all of it.

const SECTION_FROM = 200000;
const SECTION_SIZE = 20000;

// Where the box's section starts in the whole text (0 without sections).
function sectionOffset() {
  return state.section ? state.section.before.length : 0;
}

// A place to cut `text` in lo..hi (UTF-16 units), as late as possible: after a blank line,
// else after a line break, else after a space, else at hi (never inside a surrogate pair).
function cutIn(text, lo, hi) {
  if (hi >= text.length) return text.length;
  if (hi <= 0) return 0;
  for (const sep of ['\n\n', '\n', ' ']) {
    const at = text.lastIndexOf(sep, hi - sep.length);
    if (at >= 0 && at + sep.length >= lo) return at + sep.length;
  }
  const c = text.charCodeAt(hi - 1);
  return c >= 0xd800 && c <= 0xdbff ? hi - 1 : hi;
}

// Puts `text` in the box: whole when it is short, else the section that starts at the
// paragraph of `at` (a UTF-16 index in the whole text).
function showText(text, at = 0) {
  if (text.length <= SECTION_FROM) {
    state.section = null;
    if (source.value !== text) source.value = text;
    $('sections').hidden = true;
    return;
  }
  at = Math.max(0, Math.min(at, text.length));
  const from = at === 0 || at === text.length ? at : cutIn(text, at - SECTION_SIZE / 2, at);
  const to = cutIn(text, from + SECTION_SIZE / 2, from + SECTION_SIZE);
  showSection(text, from === text.length ? cutIn(text, from - SECTION_SIZE, from - SECTION_SIZE / 2) : from, to);
}

function showSection(text, from, to) {
  if (to <= from) to = Math.min(text.length, from + SECTION_SIZE);
  state.section = { before: text.slice(0, from), after: text.slice(to) };
  source.value = text.slice(from, to);
  const n = (x) => x.toLocaleString('en');
  $('section-where').textContent =
    `The article is long: the text box holds characters ${n(from + 1)}–${n(to)} of ${n(text.length)}.`;
  $('section-prev').disabled = from === 0;
  $('section-next').disabled = to === text.length;
  $('sections').hidden = false;
}

// The previous or the next section; the typing not yet settled goes with it.
function goSection(step) {
  if (!state.section) return;
  showPasted();
  const text = boxText();
  const start = state.section.before.length;
  const end = start + source.value.length;
  if (step > 0) showSection(text, end, cutIn(text, end + SECTION_SIZE / 2, end + SECTION_SIZE));
  else showSection(text, cutIn(text, start - SECTION_SIZE, start - SECTION_SIZE / 2), start);
  source.focus();
  source.setSelectionRange(0, 0);
  source.scrollTop = 0;
}
// The caret at the start of the article, in its first section, where a reader starts.
function caretToTop() {
  if (sectionOffset()) showText(boxText(), 0);
  source.setSelectionRange(0, 0);
  source.scrollTop = 0;
}

$('section-prev').addEventListener('click', () => goSection(-1));
$('section-next').addEventListener('click', () => goSection(1));

// After an edit settles: a text that grew past SECTION_FROM is cut into sections around the
// caret, one that shrank below it goes back in the box whole (the caret stays where it was).
function fitSections(text) {
  const long = text.length > SECTION_FROM;
  if (long === Boolean(state.section) && source.value.length <= SECTION_FROM) return;
  if (!boxIs(text) || (document.activeElement === source && state.editTimer)) return;
  const caret = sectionOffset() + source.selectionStart;
  const focused = document.activeElement === source;
  showText(text, caret);
  const at = Math.max(0, Math.min(source.value.length, caret - sectionOffset()));
  source.setSelectionRange(at, at);
  if (focused) source.focus();
}
