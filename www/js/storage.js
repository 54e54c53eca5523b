// Never lose work: the text and the corrections are saved in localStorage on every change,
// and restored when the page is opened again. Storage may be full or turned off; the page
// then says so, offers Export, and keeps working.
//
// Typing is saved at once, before the edit settles and is annotated: the text box's text goes
// to its own key (the draft) on every input (for a long article, within a second) and when
// the page is hidden or closed, and is laid over the saved work when the page opens again.

const STORE = 'tusj.work.v1';
const DRAFT = 'tusj.draft.v1'; // the text box as typed, when it differs from the saved text
const UNSAVED = 'tusj.unsaved.v1'; // {chars}: the last article did not fit in storage
const DRAFT_AT_ONCE = 200000; // longer texts are saved at most once a second while typing
let keepWarning = false; // a warning from opening stays through the restore's own save
// The smallest size storage refused: anything as long is not tried again (turning a 10 MB
// article into JSON for a write that must fail would cost every settled edit a long task).
let refusedAt = Infinity;

function save() {
  try {
    localStorage.removeItem(DRAFT); // room for the work first; saveDraft writes it again if needed
    if (state.text.length >= refusedAt) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const json = JSON.stringify(snapshot());
    try {
      localStorage.setItem(STORE, json);
    } catch (err) {
      if (err.name === 'QuotaExceededError') refusedAt = Math.min(refusedAt, state.text.length);
      throw err;
    }
    localStorage.removeItem(UNSAVED);
    if (keepWarning) keepWarning = false;
    else showWarning('');
  } catch (err) {
    warnUnsaved(err);
  }
  saveDraft();
}

// The warning when the work cannot be saved, with Export offered, and a note for the next
// session, so that a reload does not silently show an older article instead.
function warnUnsaved(err) {
  const chars = state.text.length;
  const size = chars >= 100000 ? `${(new Blob([state.text]).size / 1e6).toFixed(1)} MB` : `${chars} characters`;
  showWarning(
    `Your work is not being saved in this browser (${err.name || 'storage unavailable'}: ` +
      `storage is full or turned off). This article (${size}) will not be here when the page is ` +
      'opened again; Export JSON keeps it.',
  );
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Export JSON';
  button.addEventListener('click', () => exportTo('tusj'));
  $('warning').append(' ', button);
  try {
    localStorage.setItem(UNSAVED, JSON.stringify({ chars }));
  } catch {
    // Storage refuses even this; nothing more can be done.
  }
}

let draftTimer = 0;
function saveDraft() {
  clearTimeout(draftTimer);
  draftTimer = 0;
  try {
    if (source.value === state.text || source.value.length >= refusedAt) localStorage.removeItem(DRAFT);
    else localStorage.setItem(DRAFT, source.value);
  } catch {
    // The settled save says whether storage works; a draft that does not fit is not news.
  }
}

source.addEventListener('input', () => {
  if (source.value.length <= DRAFT_AT_ONCE) saveDraft();
  else if (!draftTimer) draftTimer = setTimeout(saveDraft, 1000);
});
window.addEventListener('pagehide', saveDraft);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') saveDraft();
});

// The saved work, with `draft` (the text as last typed) when it had not settled.
function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE) || 'null');
    const draft = localStorage.getItem(DRAFT);
    const unsaved = JSON.parse(localStorage.getItem(UNSAVED) || 'null');
    if (unsaved && Number.isFinite(unsaved.chars)) {
      keepWarning = true;
      showWarning(
        `The article you last worked on (${unsaved.chars} characters) was more than this browser's ` +
          'storage holds and was not kept' +
          (saved && saved.text ? '; this is the last one that was saved.' : '.'),
      );
    }
    const work =
      saved && typeof saved.text === 'string' && Array.isArray(saved.corrections)
        ? { text: saved.text, corrections: saved.corrections, name: String(saved.name || '') }
        : { text: '', corrections: [], name: '' };
    if (typeof draft === 'string' && draft !== work.text) work.draft = draft;
    return work;
  } catch (err) {
    keepWarning = true;
    showWarning(`Saved work could not be read (${err.name}); starting empty.`);
  }
  return null;
}

// Lays the text as last typed over the restored work; it settles (corrections moved, then
// annotated) like any edit.
function restoreDraft(work) {
  if (typeof work.draft !== 'string') return;
  source.value = work.draft;
  fitSource(work.draft.length);
  settleSoon();
  saveDraft();
}
