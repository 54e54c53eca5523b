// Paragraphs in another language. The core marks nothing by Norwegian rules in a paragraph it
// reads as English, German, … (`other_languages` in the document, src/language.rs); the page
// says so: the paragraph gets its `lang` (so a screen reader reads it in that language) and a
// dotted rule beside it, and a note under the legend names it.

const LANGUAGE_NAMES = { en: 'English', de: 'German', fr: 'French', es: 'Spanish', sv: 'Swedish', da: 'Danish' };

// The blocks flagged by the last drawing, to clear when the next one has other flags.
let flagged = [];

// `elements`: the drawn blocks in text order, one per line of the article. (`codePoints` is
// corrections.js's: offsets in the document count code points.)
function markLanguages(doc, elements) {
  for (const e of flagged) {
    e.removeAttribute('lang');
    e.classList.remove('foreign');
    e.removeAttribute('title');
  }
  flagged = [];
  const others = doc.other_languages || [];
  if (!others.length) return;
  const notes = [];
  let k = 0;
  let at = 0; // code point offset of the block's start
  elements.forEach((e, i) => {
    const text = e.textContent;
    const end = at + codePoints(text);
    while (k < others.length && others[k].start < end) {
      const o = others[k++];
      if (o.start < at) continue;
      const name = LANGUAGE_NAMES[o.language] || o.language;
      e.lang = o.language;
      e.classList.add('foreign');
      e.title = `Looks ${name}: no names or numbers marked by Norwegian rules`;
      flagged.push(e);
      const words = text.trim().split(/\s+/);
      const quote = words.slice(0, 4).join(' ') + (words.length > 4 ? '…' : '');
      notes.push(`paragraph ${i + 1} «${quote}» looks ${name}`);
    }
    at = end;
  });
  if (!notes.length) return;
  const shown = notes.slice(0, 3).join('; ') + (notes.length > 3 ? `; and ${notes.length - 3} more` : '');
  const note = document.createElement('p');
  note.className = 'legend-note languages';
  note.textContent = `${shown[0].toUpperCase()}${shown.slice(1)}: no names or numbers marked there by Norwegian rules.`;
  $('legend').append(note);
}
