// Never lose work: the text and the corrections are saved in localStorage on every change,
// and restored when the page is opened again. Storage may be full or turned off; the page
// then says so and keeps working.

const STORE = 'tusj.work.v1';

function save() {
  try {
    localStorage.setItem(STORE, JSON.stringify(snapshot()));
    showWarning('');
  } catch (err) {
    showWarning(
      `Your work is not being saved in this browser (${err.name || 'storage unavailable'}: ` +
        'storage is full or turned off). Everything still works; use Export JSON to keep it.',
    );
  }
}

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE) || 'null');
    if (saved && typeof saved.text === 'string' && Array.isArray(saved.corrections)) {
      return { text: saved.text, corrections: saved.corrections, name: String(saved.name || '') };
    }
  } catch (err) {
    showWarning(`Saved work could not be read (${err.name}); starting empty.`);
  }
  return null;
}
