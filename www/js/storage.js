// Storage: the articles worked on, each with its corrections, kept in this browser's
// localStorage, saved on every change and restored when the page is opened again. An index
// (`tusj.articles.v1`) lists them — id, title, date, counts — and each article's work is under
// `tusj.article.<id>`. Storage may be full or turned off; the page then says so and keeps
// working, and it warns while there is still room, before anything can be lost.

const INDEX = 'tusj.articles.v1';
const ARTICLE = 'tusj.article.';
const OLD_STORE = 'tusj.work.v1'; // one article, before the list existed
// localStorage holds about 5 million characters per origin in current browsers. A test may
// set a smaller quota (`window.tusjStorageQuota`) to see the warning without filling a disk.
const QUOTA = Number(globalThis.tusjStorageQuota) || 5000000;
const WARN_AT = 0.8; // warn when this share of the quota is used

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
  try {
    if (!state.text && !state.corrections.length) {
      showWarning('');
      return;
    }
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
    localStorage.setItem(ARTICLE + state.id, work);
    localStorage.setItem(INDEX, JSON.stringify(next));
    localStorage.removeItem(OLD_STORE);
    const used = storageUsed(next) / QUOTA;
    showWarning(
      used >= WARN_AT
        ? `Browser storage for tusj is ${Math.round(used * 100)}% full (${next.length} articles). ` +
            'Use «Export all» to keep them, then delete articles you no longer need, before new work can no longer be saved.'
        : '',
    );
  } catch (err) {
    showWarning(
      `Your work is not being saved in this browser (${err.name || 'storage unavailable'}: ` +
        'storage is full or turned off). Nothing saved earlier was removed. Everything still works; ' +
        'use Export JSON or «Export all» to keep it, or delete articles you no longer need.',
    );
  }
  if (typeof renderArticles === 'function') renderArticles();
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

// The article worked on last, or null. Work saved by a page from before the list of
// articles (`tusj.work.v1`) is read once and becomes the first article of the list.
function load() {
  try {
    const old = JSON.parse(localStorage.getItem(OLD_STORE) || 'null');
    if (old && typeof old.text === 'string' && Array.isArray(old.corrections) && !readIndex().length) {
      return { text: old.text, corrections: old.corrections, name: String(old.name || ''), id: '' };
    }
  } catch (err) {
    showWarning(`Saved work could not be read (${err.name}); starting empty.`);
    return null;
  }
  const last = readIndex()[0];
  return last ? loadArticle(last.id) : null;
}
