// The articles worked on: a short list (title, date, counts), each with its corrections, kept
// in this browser (storage.js). Choosing one switches to it (Undo switches back); Delete
// removes it from the browser; «Export all» downloads them all as JSON Lines.

function articleLine(entry) {
  const li = document.createElement('li');
  if (entry.id === state.id) li.setAttribute('aria-current', 'true');
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'link open-article';
  open.dataset.article = entry.id;
  open.textContent = entry.title;
  open.title = entry.id === state.id ? 'The article shown now' : 'Switch to this article';
  const meta = document.createElement('span');
  meta.className = 'meta';
  const c = entry.counts;
  const date = entry.date ? entry.date.slice(0, 16).replace('T', ' ') : '';
  meta.textContent = [
    date,
    c ? `${c.actor} actors · ${c.place} places · ${c.number} numbers` : '',
    `${entry.corrections || 0} ${entry.corrections === 1 ? 'correction' : 'corrections'}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const del = document.createElement('button');
  del.type = 'button';
  del.className = 'small';
  del.dataset.deleteArticle = entry.id;
  del.textContent = 'Delete';
  del.setAttribute('aria-label', `Delete «${entry.title}»`);
  li.append(open, ' ', meta, ' ', del);
  return li;
}

function renderArticles() {
  const index = readIndex();
  $('articles-count').textContent = String(index.length);
  // (One fragment, not `replaceChildren(...lines)`: a call takes at most about 120,000 arguments.)
  const lines = document.createDocumentFragment();
  for (const entry of index) lines.append(articleLine(entry));
  $('articles-list').replaceChildren(lines);
  $('export-all').disabled = !index.length;
}

async function switchToArticle(id) {
  if (id === state.id) return;
  const entry = readIndex().find((a) => a.id === id);
  const work = loadArticle(id);
  if (!entry || !work) return showError('That article could not be read from this browser’s storage.');
  await commit(work, `Switched to «${entry.title}». Undo (Ctrl+Z) returns to the article before.`);
  caretToTop();
}

async function removeArticle(id) {
  const entry = readIndex().find((a) => a.id === id);
  if (!entry) return;
  if (!window.confirm(`Delete «${entry.title}» and its corrections from this browser?`)) return;
  deleteArticle(id);
  if (id === state.id) {
    // Undo brings the deleted article back (and saves it again).
    await commit({ text: '', corrections: [], name: '', id: '' }, `Deleted «${entry.title}». Undo (Ctrl+Z) brings it back.`);
  } else {
    renderArticles();
    setStatus(`Deleted «${entry.title}».`, true);
  }
}

// Every article as one line of JSON: the tusj document (SPEC §3) with its corrections.
async function exportAll() {
  try {
    await settle();
    const lines = [];
    for (const entry of readIndex()) {
      const work = entry.id === state.id ? snapshot() : loadArticle(entry.id);
      if (!work) continue;
      const { document: doc } = await core.call('apply', work.text, work.corrections);
      lines.push(JSON.stringify(doc));
    }
    const name = 'tusj-articles.jsonl';
    download(name, `${lines.join('\n')}\n`, 'application/jsonl');
    setStatus(`Exported ${lines.length} ${lines.length === 1 ? 'article' : 'articles'} to ${name}.`, true);
  } catch (err) {
    showError(`Export failed: ${err.message}.`);
  }
}

$('articles-list').addEventListener('click', (e) => {
  const open = e.target.closest('button[data-article]');
  if (open) return switchToArticle(open.dataset.article);
  const del = e.target.closest('button[data-delete-article]');
  if (del) removeArticle(del.dataset.deleteArticle);
});
$('export-all').addEventListener('click', exportAll);
