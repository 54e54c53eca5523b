// State. The person's work is the text and the list of corrections; the document is what the
// core makes of them. Every change goes through `commit`, which remembers the state before it
// (undo), saves, and re-annotates.

const state = {
  text: '', // the article, exactly as annotated; corrections are anchored in it
  corrections: [],
  name: '', // base name for exports, from an opened file; else the core derives one
  id: '', // the article's key in the list of articles (storage.js); '' until it has text
  doc: null, // the core's document for `text` and `corrections`
  focus: null, // the start of the mark to focus once the next rendering is done
  // How the page is doing with them:
  history: { undo: [], redo: [] }, // snapshots before each step, for undo and redo
  current: null, // data-start of the mark the toolbar acts on: the last focused, until the
  // person goes elsewhere (the text box, a selection, another control)
  editTimer: 0, // a burst of typing not yet settled (annotate.js)
  editQueue: Promise.resolve(), // settled edits, one after another
  editsQueued: 0, // how many of them are not done (annotate.js)
  partial: false, // `doc` has only the edited paragraphs annotated afresh (annotate.js)
  wholeTimer: 0, // the whole text annotated once typing pauses
  annotateGeneration: 0, // the newest request to the core; older answers are dropped
  renderGeneration: 0, // the newest rendering; older ones stop
  statusSticky: false, // a message that matters stays a few seconds
  pasted: null, // a paste the core has before the text box does (paste.js)
  section: null, // {before, after}: a long article's text around the box's section (sections.js)
};
const HISTORY_LIMIT = 200;
const source = $('source');

// The whole text as the text box has it: with a paste that is not in the box yet (paste.js),
// or with the text before and after the section the box holds (sections.js).
function boxText() {
  if (state.pasted) return state.pasted.next;
  const s = state.section;
  return s ? s.before + source.value + s.after : source.value;
}

// The length of boxText() (cheap: no concatenation).
function boxLength() {
  if (state.pasted) return state.pasted.next.length;
  const s = state.section;
  return s ? s.before.length + source.value.length + s.after.length : source.value.length;
}

// Whether the text box has `text` (as boxText), without putting a long article together.
function boxIs(text) {
  if (boxLength() !== text.length) return false;
  const s = !state.pasted && state.section;
  if (!s) return boxText() === text;
  const v = source.value;
  return (
    text.startsWith(v, s.before.length) &&
    text.startsWith(s.before) &&
    text.endsWith(s.after)
  );
}

function snapshot() {
  return { text: state.text, corrections: state.corrections, name: state.name, id: state.id };
}

// Remembers the work as it is now as one step for undo (and forgets what could be redone).
function remember() {
  const now = snapshot();
  state.history.undo.push(now);
  if (state.history.undo.length > HISTORY_LIMIT) state.history.undo.shift();
  state.history.redo = [];
  return now;
}

// `change` is the next state, or a function of the current one. A pending burst of typing is
// settled first, so that it is its own step for undo and the corrections fit the text.
// `options` go to the message (setStatus: `{ undo: true }` ends it with an Undo button).
async function commit(change, message, options = {}) {
  await settle();
  const before = remember();
  return restore(typeof change === 'function' ? change(before) : change, message, options);
}

function restore(next, message, options = {}) {
  clearTimeout(state.editTimer);
  state.editTimer = 0;
  state.text = next.text;
  state.corrections = next.corrections;
  state.name = next.name;
  state.id = next.id || '';
  if (!boxIs(state.text)) showText(state.text, sectionOffset());
  const annotated = reannotate(message); // asks the core first; saving overlaps its work
  save();
  updateHistoryButtons();
  if (message) setStatus(message, true, options);
  return annotated;
}

async function undo() {
  await settle();
  if (!state.history.undo.length) return setStatus('Nothing to undo.', true);
  state.history.redo.push(snapshot());
  return restore(state.history.undo.pop(), 'Undone.');
}

async function redo() {
  await settle();
  if (!state.history.redo.length) return setStatus('Nothing to redo.', true);
  state.history.undo.push(snapshot());
  return restore(state.history.redo.pop(), 'Redone.');
}

function updateHistoryButtons() {
  $('undo').disabled = !state.history.undo.length && !state.editTimer;
  $('redo').disabled = !state.history.redo.length;
}
