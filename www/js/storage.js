// Storage: the articles worked on, each with its corrections, kept in this browser's
// localStorage, saved on every change and restored when the page is opened again. An index
// (`tusj.articles.v1`) lists them — id, title, date, counts — and each article's work is under
// `tusj.article.<id>`. Storage may be full or turned off; the page then says so, offers Export
// and keeps working, and it warns while there is still room, before anything can be lost.
//
// Typing is saved at once, before the edit settles and is annotated: the text box's text goes
// to its own key (the draft) on every input (for a long article, within a second) and when
// the page is hidden or closed, and is laid over the saved work when the page opens again.

const INDEX = 'tusj.articles.v1';
const ARTICLE = 'tusj.article.';
const OLD_STORE = 'tusj.work.v1'; // one article, before the list existed
const DRAFT = 'tusj.draft.v1'; // the text box as typed, when it differs from the saved text
const UNSAVED = 'tusj.unsaved.v1'; // {chars}: the last article did not fit in storage
const DRAFT_AT_ONCE = 200000; // longer texts are saved at most once a second while typing
// localStorage holds about 5 million characters per origin in current browsers. A test may
// set a smaller quota (`window.tusjStorageQuota`) to see the warning without filling a disk.
const QUOTA = Number(globalThis.tusjStorageQuota) || 5000000;
const WARN_AT = 0.8; // warn when this share of the quota is used
let keepWarning = false; // a warning from opening stays through the restore's own save
// The smallest size storage refused: anything as long is not tried again (turning a 10 MB
// article into JSON for a write that must fail would cost every settled edit a long task).
let refusedAt = Infinity;

function readIndex() {
  try {
    const list = JSON.parse(localStorage.getItem(INDEX) || '[]');
    return Array.isArray(list) ? list.filter((a) => a && typeof a.id === 'string') : [];
  } catch {
    return [];
  }
}

// Characters used by tusj's keys (what the quota counts, roughly): each article's size is
// kept in the index, so this reads no article.
function storageUsed(index) {
  return index.reduce((n, a) => n + (Number(a.size) || 0), JSON.stringify(index).length);
}

function titleOf(text, name) {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l) || '';
  const title = name || line.replace(/^date \S+\s*/, '');
  return title.length > 70 ? `${title.slice(0, 69)}…` : title || '(untitled)';
}

function countsOf(doc) {
  const counts = { actor: 0, place: 0, number: 0 };
  for (const a of doc.annotations) counts[a.kind] = (counts[a.kind] || 0) + 1;
  return counts;
}

function save() {
  saveWaits = false;
  try {
    localStorage.removeItem(DRAFT); // room for the work first; saveDraft writes it again if needed
    if (!state.text && !state.corrections.length) {
      if (keepWarning) keepWarning = false;
      else showWarning('');
      saveDraft();
      return;
    }
    if (state.text.length >= refusedAt) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    if (!state.id) state.id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const index = readIndex();
    const old = index.find((a) => a.id === state.id);
    const entry = {
      id: state.id,
      title: titleOf(state.text, state.name),
      date: new Date().toISOString(),
      counts: state.doc && state.doc.text === state.text ? countsOf(state.doc) : (old && old.counts) || null,
      corrections: state.corrections.length,
    };
    const work = JSON.stringify({ text: state.text, corrections: state.corrections, name: state.name });
    entry.size = ARTICLE.length + state.id.length + work.length;
    const next = [entry, ...index.filter((a) => a.id !== state.id)];
    try {
      localStorage.setItem(ARTICLE + state.id, work);
    } catch (err) {
      if (err.name === 'QuotaExceededError') refusedAt = Math.min(refusedAt, state.text.length);
      throw err;
    }
    localStorage.setItem(INDEX, JSON.stringify(next));
    localStorage.removeItem(OLD_STORE);
    localStorage.removeItem(UNSAVED);
    const used = storageUsed(next) / QUOTA;
    if (used >= WARN_AT) {
      showWarning(
        `Browser storage for tusj is ${Math.round(used * 100)}% full (${next.length} articles). ` +
          'Use «Export all» to keep them, then delete articles you no longer need, before new work can no longer be saved.',
      );
    } else if (keepWarning) keepWarning = false;
    else showWarning('');
  } catch (err) {
    warnUnsaved(err);
  }
  saveDraft();
  if (typeof renderArticles === 'function') renderArticles();
}

// The warning when the work cannot be saved, with Export offered, and a note for the next
// session, so that a reload does not silently show an older article instead.
function warnUnsaved(err) {
  const chars = state.text.length;
  // (Counted in characters: the bytes of a 10 MB text would cost a long task on every save.)
  const size = chars >= 100000 ? `${(chars / 1e6).toFixed(1)} million characters` : `${chars} characters`;
  showWarning(
    `Your work is not being saved in this browser (${err.name || 'storage unavailable'}: ` +
      `storage is full or turned off). Nothing saved earlier was removed. This article (${size}) ` +
      'will not be here when the page is opened again; Export JSON keeps it, «Export all» keeps ' +
      'every article, and deleting articles you no longer need makes room.',
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

// The counts of the article shown, once it is annotated (the list shows them).
function saveCounts(doc) {
  try {
    const index = readIndex();
    const entry = index.find((a) => a.id === state.id);
    if (!entry || doc.text !== state.text) return;
    entry.counts = countsOf(doc);
    localStorage.setItem(INDEX, JSON.stringify(index));
  } catch {
    // the warning of `save` already says that storage is not working
  }
  if (typeof renderArticles === 'function') renderArticles();
}

// A short paste is saved once its highlights are drawn (paste.js, showPasted), at most
// PASTE_WAIT ms after it: saving while the core annotates it made the answer 1–3 ms later
// (writing to storage keeps the browser busy, on the same processors as the core's worker).
// Leaving or hiding the page saves it at once.
let saveWaits = false;
function saveSoon() {
  saveWaits = true;
}
// Saves the work if a save waits (then true, and the list of articles is redrawn).
function savePending() {
  if (!saveWaits) return false;
  save();
  return true;
}

let draftTimer = 0;
function saveDraft() {
  clearTimeout(draftTimer);
  draftTimer = 0;
  try {
    if (boxIs(state.text) || boxLength() >= refusedAt) localStorage.removeItem(DRAFT);
    else localStorage.setItem(DRAFT, boxText());
  } catch {
    // The settled save says whether storage works; a draft that does not fit is not news.
  }
}

source.addEventListener('input', () => {
  if (boxLength() <= DRAFT_AT_ONCE) saveDraft();
  else if (!draftTimer) draftTimer = setTimeout(saveDraft, 1000);
});
const leaving = () => savePending() || saveDraft();
window.addEventListener('pagehide', leaving);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') leaving();
});

// One saved article's work, or null.
function loadArticle(id) {
  try {
    const saved = JSON.parse(localStorage.getItem(ARTICLE + id) || 'null');
    if (saved && typeof saved.text === 'string' && Array.isArray(saved.corrections)) {
      return { text: saved.text, corrections: saved.corrections, name: String(saved.name || ''), id };
    }
  } catch (err) {
    showWarning(`A saved article could not be read (${err.name}).`);
  }
  return null;
}

function deleteArticle(id) {
  try {
    localStorage.removeItem(ARTICLE + id);
    localStorage.setItem(INDEX, JSON.stringify(readIndex().filter((a) => a.id !== id)));
  } catch (err) {
    showWarning(`The article could not be deleted from this browser's storage (${err.name}).`);
  }
}

// The article worked on last, or null, with `draft` (the text as last typed) when it had not
// settled. Work saved by a page from before the list of articles (`tusj.work.v1`) is read
// once and becomes the first article of the list.
function load() {
  let work = null;
  let draft = null;
  try {
    draft = localStorage.getItem(DRAFT);
    const unsaved = JSON.parse(localStorage.getItem(UNSAVED) || 'null');
    const old = JSON.parse(localStorage.getItem(OLD_STORE) || 'null');
    if (old && typeof old.text === 'string' && Array.isArray(old.corrections) && !readIndex().length) {
      work = { text: old.text, corrections: old.corrections, name: String(old.name || ''), id: '' };
    } else {
      const last = readIndex()[0];
      work = last ? loadArticle(last.id) : null;
    }
    if (unsaved && Number.isFinite(unsaved.chars)) {
      keepWarning = true;
      showWarning(
        `The article you last worked on (${unsaved.chars} characters) was more than this browser's ` +
          'storage holds and was not kept' +
          (work && work.text ? '; this is the last one that was saved.' : '.'),
      );
    }
  } catch (err) {
    keepWarning = true;
    showWarning(`Saved work could not be read (${err.name}); starting empty.`);
    return null;
  }
  if (typeof draft === 'string') {
    work = work || { text: '', corrections: [], name: '', id: '' };
    if (draft !== work.text) work.draft = draft;
  }
  return work;
}

// Lays the text as last typed over the restored work; it settles (corrections moved, then
// annotated) like any edit.
function restoreDraft(work) {
  if (typeof work.draft !== 'string') return;
  showText(work.draft);
  settleSoon();
  saveDraft();
}
