// Pasting: Ctrl+V in the text box annotates at once; into an article already there, it asks
// whether this is a new article. Pasted HTML is reduced to its text, keeping its structure:
// paragraphs, headings and list items become lines apart, table rows lines and their cells
// tab-separated.

// Reduces pasted HTML to its text, with paragraph breaks. DOMParser builds an inert document:
// nothing in it runs and nothing is fetched.
function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'IFRAME', 'OBJECT']);
  const BLOCK = /^(P|DIV|H[1-6]|LI|UL|OL|DL|DT|DD|BLOCKQUOTE|SECTION|ARTICLE|HEADER|FOOTER|FIGURE|FIGCAPTION|TABLE|CAPTION|THEAD|TBODY|TFOOT|PRE|ASIDE|NAV|MAIN|ADDRESS|HR)$/;
  // A table row is one line; its cells are kept apart by a tab.
  const CELL = /^(TD|TH)$/;
  const ROW = 'TR';
  const out = [];
  (function walk(node) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out.push(child.data.replace(/\s+/g, ' '));
      else if (child.nodeType !== Node.ELEMENT_NODE || SKIP.has(child.tagName)) continue;
      else if (child.tagName === 'BR') out.push('\n');
      else if (CELL.test(child.tagName)) {
        if (child.previousElementSibling) out.push('\t');
        walk(child);
      } else {
        // A row starts a line; other blocks are paragraphs.
        const block = BLOCK.test(child.tagName) ? '\n\n' : '';
        out.push(child.tagName === ROW ? '\n' : block);
        walk(child);
        out.push(block);
      }
    }
  })(doc.body);
  return out
    .join('')
    .replace(/ *\t */g, '\t')
    .replace(/ *\n */g, '\n')
    .replace(/\n\t+/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function clipboardText(data) {
  const text = data.getData('text/plain');
  if (text) return text;
  const html = data.getData('text/html');
  return html ? htmlToText(html) : '';
}

// A paste into an article that is already there asks first whether the pasted text is a new
// article (the default: Enter) or belongs in this one; nothing is added out of sight. It asks
// when the pasted text looks like an article of its own — a line break, or 200 characters or
// more — so that pasting a word or a sentence while editing just inserts it. A paste over the
// whole text (Ctrl+A, Ctrl+V) is a new article without asking.
function looksLikeArticle(text) {
  return /\n/.test(text.trim()) || text.length >= 200;
}

// Asks how to take a paste; resolves to 'new', 'insert' or '' (cancelled, Escape).
function askPaste(insertLabel, text) {
  const dialog = $('paste-ask');
  $('paste-insert').textContent = insertLabel;
  const first = text.trim().split('\n')[0];
  $('paste-ask-detail').textContent = `Pasted: «${first.length > 80 ? `${first.slice(0, 79)}…` : first}» (${text.length} characters).`;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue), { once: true }));
}

// A new article from the clipboard: the one before stays in the list of articles (and Undo
// brings it back); the export name follows the new text.
async function pasteAsNewArticle(text) {
  await commit(
    { text, corrections: [], name: '', id: '' },
    'Pasted as a new article. The previous one is in the list of Articles; Undo (Ctrl+Z) brings it back here.',
  );
  caretToTop();
}

// Ctrl+V in the text box annotates at once. Text is inserted as text, never as markup.
source.addEventListener('paste', async (e) => {
  const text = clipboardText(e.clipboardData);
  if (!text) return;
  e.preventDefault();
  const { selectionStart, selectionEnd } = source;
  const whole = !state.section && selectionStart === 0 && selectionEnd === source.value.length;
  if (boxText().trim() && (whole || looksLikeArticle(text))) {
    const choice = whole ? 'new' : await askPaste('Insert here', text);
    source.focus();
    if (choice === 'new') return pasteAsNewArticle(text);
    if (choice !== 'insert') return setStatus('Nothing was pasted.', true);
    source.setSelectionRange(selectionStart, selectionEnd);
  }
  pasteInBox(text);
});

// A short text goes to the core before it goes in the text box: the box and the highlights then
// change together, in one frame, a few milliseconds after the paste, and meanwhile the page
// leaves the processor to the core (laying out and painting the filled box costs more than
// annotating a short article, and would delay the answer). The text is in the box by
// PASTE_WAIT ms in any case, or as soon as the person does anything in the box; the page's
// state has it at once (saving, undo, export). A long text goes in the box at once.
const PASTE_AHEAD = 20000; // UTF-16 units of the whole text
// (A test may wait longer, `window.tusjPasteWait`, to act before the core answers.)
const PASTE_WAIT = Number(globalThis.tusjPasteWait) || 100;

function pasteInBox(text) {
  showPasted();
  const { selectionStart: start, selectionEnd: end, value } = source;
  if (state.section || value.length - (end - start) + text.length > SECTION_FROM) {
    // A long article: the box holds the section where the pasted text starts (sections.js).
    const whole = boxText();
    const at = sectionOffset() + start;
    const next = whole.slice(0, at) + text + whole.slice(sectionOffset() + end);
    settleSoon();
    showText(next, at);
    const caret = Math.min(source.value.length, at + text.length - sectionOffset());
    source.setSelectionRange(caret, caret);
    settle();
    return;
  }
  const next = value.slice(0, start) + text + value.slice(end);
  if (next.length > PASTE_AHEAD) {
    settleSoon();
    source.setRangeText(text, start, end, 'end');
    settle();
    return;
  }
  // As settleSoon and settle: the paste is part of the burst of typing it joins, else a step
  // of its own for undo.
  if (!state.editTimer) remember();
  clearTimeout(state.editTimer);
  state.editTimer = 0;
  state.pasted = { base: value, text, start, end, next, timer: setTimeout(showPasted, PASTE_WAIT) };
  settle(next);
}

// Puts a pasted text that went to the core first in the text box (see pasteInBox).
function showPasted() {
  const p = state.pasted;
  if (!p) return;
  state.pasted = null;
  clearTimeout(p.timer);
  // What waited for it (annotate.js, settleEdit), right after the highlights are drawn:
  // saving (with the list of articles) and the buttons.
  setTimeout(() => {
    if (!savePending()) renderArticles();
    updateHistoryButtons();
  }, 0);
  if (source.value !== p.base) return; // the box was given another text meanwhile (restore)
  source.setRangeText(p.text, p.start, p.end, 'end');
}
for (const type of ['keydown', 'beforeinput', 'mousedown', 'focus']) source.addEventListener(type, showPasted, true);

// A paste anywhere else never replaces work: into an empty
// page it is the article; else it asks, and «Add after the article» puts it after the text.
document.addEventListener('paste', async (e) => {
  if (e.defaultPrevented || e.target === source || e.target.closest('input, select, textarea, dialog')) return;
  const text = clipboardText(e.clipboardData);
  if (!text) return;
  e.preventDefault();
  if (!state.text.trim()) return commit((now) => ({ ...now, text }), 'Pasted.');
  const choice = await askPaste('Add after the article', text);
  if (choice === 'new') return pasteAsNewArticle(text);
  if (choice !== 'insert') return setStatus('Nothing was pasted.', true);
  commit((now) => ({ ...now, text: `${now.text.replace(/\n*$/, '')}\n\n${text}` }), 'Pasted after the article.');
});
