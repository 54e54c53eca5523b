// Messages: the status line (polite), warnings and errors (alerts). A message that matters
// stays until the next one, so a screen reader and a person who looked away both get it.

function setStatus(message, sticky = false) {
  if (state.statusSticky && !sticky && message) return;
  state.statusSticky = sticky;
  $('status').textContent = message;
  if (sticky) setTimeout(() => (state.statusSticky = false), 4000);
}

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
}

function showWarning(message) {
  const box = $('warning');
  box.textContent = message;
  box.hidden = !message;
}
