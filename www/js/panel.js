// The overview: actors and places grouped by entity with mention counts, and the numbers with
// their readings. Choosing an entry highlights its mentions and goes to the first. Entities can
// be renamed and merged; both are corrections like any other.

// The readings of the numbers in words («minst 43 (mennesker)», «8. okt.»), by annotation id,
// from the core's numbers table; the tooltip shows them too.
const numberWords = new Map();

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('aria-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  e.append(...children);
  return e;
}

// A long article's overview lists the first ROWS_SHOWN entries of each list and table, and a
// «Show more» button adds the next ones, a batch at a time: laying the overview out then never
// holds the page's thread for long (a 10 MB article has tens of thousands of rows). With more
// than MERGE_AT_ONCE entities of a kind, each «merge…» list is filled when it is first used
// (else a list of n entities would hold n² options).
const ROWS_SHOWN = 200;
const MERGE_AT_ONCE = 100;

// A list or table of more than this many rows is in a box that the browser does not style,
// lay out or paint while it is out of sight (style.css: .rows); shorter ones are as they were.
const ROWS_CONTAINED = 50;
function rowsBox(rows, ...parts) {
  return rows > ROWS_CONTAINED ? [el('div', { className: 'rows' }, ...parts)] : parts;
}

// Appends rows for items[from…] to `container`, ROWS_SHOWN at most, in slices (`more`);
// the index after the last one appended, or null when `more` says the work is stale.
async function fillRows(container, items, row, more, from = 0) {
  const to = Math.min(items.length, from + ROWS_SHOWN);
  for (let i = from; i < to; i++) {
    container.append(row(items[i]));
    if (!(await more())) return null;
  }
  return to;
}

// The «Show more» button for a list or table that shows `shown` of `items`, or '' when all
// are shown. Each press adds the next batch (built off the page, put in at once).
function moreRows(container, items, row, shown, what) {
  if (shown >= items.length) return '';
  const button = el('button', { type: 'button', className: 'small show-more' });
  const label = () => {
    button.textContent = `Show ${Math.min(ROWS_SHOWN, items.length - shown)} more ${what} (${shown} of ${items.length} shown)`;
  };
  label();
  const doc = state.doc;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const batch = document.createDocumentFragment();
    const to = await fillRows(batch, items, row, slicer(() => doc !== state.doc), shown);
    if (to === null) return;
    container.append(batch);
    shown = to;
    button.disabled = false;
    if (shown >= items.length) button.remove();
    else label();
  });
  return button;
}

async function renderPanel(doc) {
  const panel = $('panel');
  const parts = [el('h2', {}, 'Overview')];
  // A long article's overview is built in slices (off the page) and put in at once.
  const more = slicer(() => doc !== state.doc);
  for (const { kind, label } of vocab.kinds.slice(0, 2)) {
    const entities = doc.entities.filter((e) => e.kind === kind);
    const list = el('ul', { className: 'entities', 'aria-label': label });
    const row = (ent) => {
      const n = ent.mentions.length;
      const aliases = ent.aliases.filter((x) => x !== ent.name);
      const go = el(
        'button',
        { type: 'button', className: 'entity', dataset: { entity: ent.id }, title: `Show the mentions of ${ent.name}` },
        el('span', { className: 'name' }, ent.name),
        aliases.length ? el('span', { className: 'aliases' }, ` (${aliases.join(', ')})`) : '',
        el('span', { className: 'type' }, ` ${ent.type}`),
        ent.geo && ent.geo.country ? el('span', { className: 'country', title: ent.geo.name }, ` · ${countryName(ent.geo.country)}`) : '',
        el('span', { className: 'mentions', 'aria-hidden': 'true' }, ` ×${n}`),
        el('span', { className: 'sr-only' }, `, ${n} ${n === 1 ? 'mention' : 'mentions'}`),
      );
      const rename = el(
        'button',
        { type: 'button', className: 'small', dataset: { rename: ent.id }, title: `Rename ${ent.name}` },
        el('span', { 'aria-hidden': 'true' }, '✎'),
        el('span', { className: 'sr-only' }, `Rename ${ent.name}`),
      );
      const merge = el('select', {
        className: 'small',
        dataset: { merge: ent.id },
        title: 'Merge into another entity',
        'aria-label': `Merge ${ent.name} into another ${kind}`,
      });
      merge.append(new Option('merge…', ''));
      const fill = () => {
        if (merge.options.length > 1) return;
        for (const o of entities) if (o.id !== ent.id) merge.append(new Option(o.name, o.id));
      };
      if (entities.length <= MERGE_AT_ONCE) fill();
      else for (const type of ['focus', 'pointerdown']) merge.addEventListener(type, fill);
      merge.disabled = entities.length < 2;
      return el('li', { dataset: { type: ent.type } }, go, el('span', { className: 'tools' }, rename, merge));
    };
    const shown = await fillRows(list, entities, row, more);
    if (shown === null) return;
    parts.push(el('h3', {}, `${label} `, el('span', { className: 'count' }, String(entities.length))));
    if (!entities.length) parts.push(el('p', { className: 'none' }, `No ${label.toLowerCase()}.`));
    else parts.push(...rowsBox(entities.length, list, moreRows(list, entities, row, shown, label.toLowerCase())));
  }
  const rows = await core.call('numbersTable', doc);
  if (doc !== state.doc) return;
  numberWords.clear();
  for (const r of rows) numberWords.set(r.id, r.words);
  parts.push(el('h3', {}, 'Numbers ', el('span', { className: 'count' }, String(rows.length))));
  if (rows.length) {
    const table = el('table', { className: 'numbers' });
    table.append(el('thead', {}, el('tr', {}, ...['Number, in context', 'Reading', 'Fix'].map((h) => el('th', { scope: 'col' }, h)))));
    const body = el('tbody');
    const row = (r) =>
      el(
        'tr',
        { className: 'number' },
        el(
          'td',
          {},
          el('button', { type: 'button', className: 'go', dataset: { go: r.start }, title: 'Show it in the article' }, r.text),
          el('div', { className: 'context' }, `…${r.left} `, el('b', {}, r.text), ` ${r.right}…`),
        ),
        el('td', { className: 'reading', title: r.iso ? `ISO 8601: ${r.iso}` : '' }, r.words),
        el(
          'td',
          {},
          el('button', { type: 'button', className: 'small fix', dataset: { fix: r.id }, title: `Correct the reading of «${r.text}» (key e on the highlight)` },
            el('span', { 'aria-hidden': 'true' }, '✎'),
            el('span', { className: 'sr-only' }, `Correct «${r.text}»`)),
        ),
      );
    const shown = await fillRows(body, rows, row, more);
    if (shown === null) return;
    table.append(body);
    parts.push(...rowsBox(rows.length, table, moreRows(body, rows, row, shown, 'numbers')));
  } else parts.push(el('p', { className: 'none' }, 'No numbers.'));
  const facts = await factsSection(doc, more);
  if (doc !== state.doc) return;
  for (const part of facts) parts.push(part);
  panel.replaceChildren(parts[0], $('map-panel'), ...parts.slice(1));
  renderMap(doc);
}

function pick(marks, message) {
  for (const m of $('view').querySelectorAll('mark.picked')) m.classList.remove('picked');
  for (const m of marks) m.classList.add('picked');
  if (!marks.length) return;
  marks[0].scrollIntoView({ block: 'center' });
  marks[0].focus();
  setStatus(message, true);
}

function firstMention(entityId) {
  const ent = state.doc.entities.find((e) => e.id === entityId);
  const a = ent && state.doc.annotations.find((x) => x.id === ent.mentions[0]);
  return a ? { ent, a } : null;
}

$('panel').addEventListener('click', (e) => {
  const go = e.target.closest('button.entity');
  if (go) {
    const marks = [...$('view').querySelectorAll(`mark[data-entity="${go.dataset.entity}"]`)];
    const name = go.querySelector('.name').textContent;
    pick(marks, `${name}: ${marks.length} ${marks.length === 1 ? 'mention' : 'mentions'} highlighted.`);
    return;
  }
  const number = e.target.closest('button.go');
  if (number) {
    const m = $('view').querySelector(`mark[data-start="${number.dataset.go}"]`);
    if (m) pick([m], `«${m.textContent}»`);
    return;
  }
  const rename = e.target.closest('button[data-rename]');
  if (rename) {
    const found = firstMention(rename.dataset.rename);
    if (!found) return;
    const name = (window.prompt(`New name for «${found.ent.name}»:`, found.ent.name) || '').trim();
    if (!name || name === found.ent.name) return;
    // A name another entity of the same kind already has joins the two (the core does it).
    const same = state.doc.entities.find((o) => o.id !== found.ent.id && o.kind === found.ent.kind && o.name === name.replace(/\s+/g, ' '));
    addCorrection(
      correction.rename(found.a, name),
      same ? `Joined «${found.ent.name}» with «${name}».` : `Renamed «${found.ent.name}» to «${name}».`,
    );
  }
});

$('panel').addEventListener('change', (e) => {
  const select = e.target.closest('select[data-merge]');
  if (!select || !select.value) return;
  const from = firstMention(select.dataset.merge);
  const into = firstMention(select.value);
  if (!from || !into) return;
  addCorrection(correction.merge(from.a, into.a), `Merged «${from.ent.name}» into «${into.ent.name}».`);
});
