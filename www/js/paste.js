// Pasting: Ctrl+V in the text box annotates at once; a paste anywhere else goes after the
// article. Pasted HTML is reduced to its text.

// Reduces pasted HTML to its text, with paragraph breaks. DOMParser builds an inert document:
// nothing in it runs and nothing is fetched.
function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'IFRAME', 'OBJECT']);
  const BLOCK = /^(P|DIV|H[1-6]|LI|UL|OL|BLOCKQUOTE|SECTION|ARTICLE|HEADER|FOOTER|FIGURE|FIGCAPTION|TR|TABLE|PRE|ASIDE)$/;
  const out = [];
  (function walk(node) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out.push(child.data.replace(/\s+/g, ' '));
      else if (child.nodeType !== Node.ELEMENT_NODE || SKIP.has(child.tagName)) continue;
      else if (child.tagName === 'BR') out.push('\n');
      else {
        const block = BLOCK.test(child.tagName);
        if (block) out.push('\n\n');
        walk(child);
        if (block) out.push('\n\n');
      }
    }
  })(doc.body);
  return out
    .join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function clipboardText(data) {
  const text = data.getData('text/plain');
  if (text) return text;
  const html = data.getData('text/html');
  return html ? htmlToText(html) : '';
}

// Ctrl+V in the text box annotates at once. Text is inserted as text, never as markup.
source.addEventListener('paste', (e) => {
  const text = clipboardText(e.clipboardData);
  if (!text) return;
  e.preventDefault();
  settleSoon();
  fitSource(source.value.length + text.length);
  source.setRangeText(text, source.selectionStart, source.selectionEnd, 'end');
  if (source.hidden) $('view').focus();
  settle();
});

// A paste anywhere else (the text box may be folded away) never replaces work: the text goes
// after the article.
document.addEventListener('paste', (e) => {
  if (e.defaultPrevented || e.target === source || e.target.closest('input, select, textarea')) return;
  const text = clipboardText(e.clipboardData);
  if (!text) return;
  e.preventDefault();
  commit((now) => {
    const joined = now.text ? `${now.text.replace(/\n*$/, '')}\n\n${text}` : text;
    return { ...now, text: joined };
  }, 'Pasted after the article.');
});
