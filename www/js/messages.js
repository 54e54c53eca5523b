// Messages: the status line (polite), warnings and errors (alerts). A message that matters
// stays until the next one, so a screen reader and a person who looked away both get it.

// With `{ undo: true }` the message ends with an Undo button («Removed 7 mentions of IS — Undo»).
function setStatus(message, sticky = false, { undo: withUndo = false } = {}) {
  if (state.statusSticky && !sticky && message) return;
  state.statusSticky = sticky;
  $('status').textContent = message;
  if (withUndo) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link';
    b.textContent = 'Undo';
    b.title = 'Undo this step (Ctrl+Z)';
    b.addEventListener('click', () => undo());
    $('status').append(' — ', b);
  }
  if (sticky) setTimeout(() => (state.statusSticky = false), 4000);
}

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
}

function clearError() {
  if (!$('error').hidden) $('error').hidden = true;
}

function showWarning(message) {
  const box = $('warning');
  box.textContent = message;
  box.hidden = !message;
}
