// The facts: one row per event (SPEC §2b) in the reader's words, as the core words them.
// Choosing a row shows its sentence and its parts in the article (CSS Custom Highlights, so
// the text and its marks stay as they are); a row can be removed or a field corrected. Both
// are corrections like any other: the core makes them and replays them after every edit.

let factRows = [];
const FACT_FIELDS = [
  ['victims', 'victims'],
  ['agent', 'by'],
  ['target', 'target'],
  ['place', 'where'],
  ['time', 'when'],
  ['source', 'source'],
];

async function factsSection(doc, more) {
  if (globalThis.CSS && CSS.highlights) CSS.highlights.clear();
  const rows = await core.call('factsTable', doc);
  factRows = rows;
  const parts = [el('h3', {}, 'Facts ', el('span', { className: 'count' }, String(rows.length)))];
  if (!rows.length) {
    parts.push(el('p', { className: 'none' }, 'No facts.'));
    return parts;
  }
  const table = el('table', { className: 'facts' });
  table.append(el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Fact'), el('th', { scope: 'col' }, 'Correct'))));
  const body = el('tbody');
  const row = (r) => {
    const what = el(
      'button',
      { type: 'button', className: 'fact', dataset: { fact: r.id }, title: 'Show its sentence and parts in the article' },
      r.what,
    );
    // The rest in the order a reader says it: by whom, against what, where, when, who says so.
    const rest = [r.by, r.target, r.place, r.time, r.source].filter(Boolean);
    const line = el('span', { className: 'rest' }, rest.map((x) => ` — ${x}`).join(''));
    const cells = [el('td', {}, what, line, r.part_of ? el('div', { className: 'context' }, r.part_of) : '')];
    const fix = el('select', {
      className: 'small',
      dataset: { fixFact: r.id },
      title: 'Correct a field',
      'aria-label': `Correct a field of «${r.what}»`,
    });
    fix.append(new Option('correct…', ''));
    for (const [field, label] of FACT_FIELDS) fix.append(new Option(label, field));
    const remove = el(
      'button',
      { type: 'button', className: 'small', dataset: { removeFact: r.id }, title: 'Remove this fact' },
      // The name is the words (a screen reader's), not an aria-label that hides the ✕.
      el('span', { 'aria-hidden': 'true' }, '✕'),
      el('span', { className: 'sr-only' }, `Remove the fact «${r.what}»`),
    );
    cells.push(el('td', { className: 'tools' }, fix, remove));
    return el('tr', { className: 'fact', dataset: { type: r.type, id: r.id } }, ...cells);
  };
  const shown = await fillRows(body, rows, row, more);
  if (shown === null) return parts;
  table.append(body);
  parts.push(...rowsBox(rows.length, table, moreRows(body, rows, row, shown, 'facts')));
  return parts;
}

// A DOM Range over the article view for code points start..end, or null.
function viewRange(start, end) {
  const walker = document.createTreeWalker($('view'), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let point = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const s = node.data;
    let unit = 0;
    for (;;) {
      if (!started && point === start) {
        range.setStart(node, unit);
        started = true;
      }
      if (started && point === end) {
        range.setEnd(node, unit);
        return range;
      }
      if (unit >= s.length) break;
      unit += s.codePointAt(unit) > 0xffff ? 2 : 1;
      point++;
    }
  }
  return null;
}

function showFact(row) {
  const sentence = viewRange(row.start, row.end);
  const ranges = row.parts.map(([s, e]) => viewRange(s, e)).filter(Boolean);
  if (globalThis.CSS && CSS.highlights && typeof Highlight === 'function') {
    CSS.highlights.set('tusj-fact', sentence ? new Highlight(sentence) : new Highlight());
    CSS.highlights.set('tusj-fact-part', new Highlight(...ranges));
  }
  const inside = (m) => row.parts.some(([s, e]) => Number(m.dataset.start) >= s && Number(m.dataset.end) <= e);
  const picked = [...$('view').querySelectorAll('mark')].filter(inside);
  const words = sentence ? sentence.toString() : '';
  if (picked.length) pick(picked, `${row.what}: «${words}»`);
  else {
    pick([], '');
    sentence?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    setStatus(`${row.what}: «${words}»`, true);
  }
}

$('panel').addEventListener('click', async (e) => {
  const show = e.target.closest('button.fact');
  if (show) {
    const row = factRows.find((r) => r.id === show.dataset.fact);
    if (row) showFact(row);
    return;
  }
  const remove = e.target.closest('button[data-remove-fact]');
  if (!remove) return;
  const row = factRows.find((r) => r.id === remove.dataset.removeFact);
  if (!row) return;
  try {
    const c = await core.call('eventCorrection', await wholeDoc(), row.id, true, '', null);
    addCorrection(c, `Removed the fact «${row.what}».`);
  } catch (err) {
    showError(String((err && err.message) || err));
  }
});

$('panel').addEventListener('change', async (e) => {
  const select = e.target.closest('select[data-fix-fact]');
  if (!select || !select.value) return;
  const field = select.value;
  const label = FACT_FIELDS.find(([f]) => f === field)?.[1] || field;
  const row = factRows.find((r) => r.id === select.dataset.fixFact);
  select.value = '';
  if (!row) return;
  const answer = window.prompt(
    `New «${label}» of «${row.what}» — words of its sentence (victims: any words); empty clears it:`,
    '',
  );
  if (answer === null) return;
  const value = answer.trim() || null;
  try {
    const c = await core.call('eventCorrection', await wholeDoc(), row.id, false, field, value);
    const said = value === null ? `Cleared «${label}» of «${row.what}».` : `Set «${label}» of «${row.what}» to «${value}».`;
    addCorrection(c, said);
  } catch (err) {
    showError(String((err && err.message) || err));
  }
});
