// tusj page: read the article, ask the core (wasm) to annotate it and replay the person's
// corrections, draw the highlights and the overview, save the work, export. Every decision
// about annotations is made by the Rust core; the page only moves text and draws.
//
// This file wires the global keys and starts the page; build.mjs puts it last.

// Undo and redo everywhere, the text box included (its own undo would not know the
// corrections); Ctrl+O opens a file.
document.addEventListener('keydown', (e) => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const key = e.key.toLowerCase();
  if (key === 'z' && !e.shiftKey) {
    e.preventDefault();
    undo();
  } else if ((key === 'z' && e.shiftKey) || key === 'y') {
    e.preventDefault();
    redo();
  } else if (key === 'o') {
    e.preventDefault();
    $('file').click();
  }
});
// On a narrow screen the article and the overview are a tab apart (style.css); the buttons
// say which is shown.
$('tabs').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-tab]');
  if (!b) return;
  $('main').dataset.tab = b.dataset.tab;
  for (const t of $('tabs').querySelectorAll('button')) t.setAttribute('aria-pressed', String(t === b));
});
$('undo').addEventListener('click', undo);
$('redo').addEventListener('click', redo);

// Start: restore saved work, else wait for a paste.

(async () => {
  try {
    await core.ready;
    await vocab.load();
    fillTypes();
    $('version').textContent = `v${await core.call('version')}`;
    document.documentElement.dataset.ready = 'true';
    core.warm(); // the model and the place table, decoded before the first paste needs them
    const saved = load();
    renderArticles();
    if (saved && (saved.text || saved.corrections.length || saved.draft)) {
      const n = saved.corrections.length;
      const restored = restore(saved, `Restored your article${n ? ` and ${n} ${n === 1 ? 'correction' : 'corrections'}` : ''} from the last session.`);
      restoreDraft(saved); // what was typed last, before it settled
      await restored;
      // The caret starts at the top of the article, where a reader starts.
      caretToTop();
    } else {
      setStatus('Ready: paste an article (Ctrl+V).');
      if (source.value) settleSoon();
    }
  } catch (err) {
    showError(
      `The annotator could not start (${err.message}). This browser may not allow WebAssembly ` +
        'on pages opened from disk; try a current Chrome, Edge or Firefox.',
    );
    setStatus('');
  }
  source.focus();
})();
