// Correcting a number's reading: its value, qualifier, upper bound, unit and what it counts.
// The form opens from the numbers table (✎) or with the key e on a focused number; saving adds
// a `reading` correction, replayed by the core like every other correction.

const numberForm = {
  annotation: null, // the number being corrected
};

// A value as a person types it in Norwegian: «2,5», «240 000 000», «1.100» (thousands), «-3».
// Empty gives null; anything else that is not a finite number gives NaN.
function typedNumber(s) {
  const t = s.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!t) return null;
  const plain = /^-?\d{1,3}(\.\d{3})+$/.test(t) ? t.replace(/\./g, '') : t.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : NaN;
}

function openNumberForm(a) {
  if (!a || a.kind !== 'number') return;
  numberForm.annotation = a;
  const select = $('nf-qualifier');
  if (!select.options.length) {
    for (const q of vocab.qualifiers) select.append(new Option(q.words || 'exactly (no qualifier)', q.qualifier));
  }
  $('nf-text').textContent = a.text;
  $('nf-value').value = String(a.value).replace('.', ',');
  select.value = a.qualifier;
  $('nf-upper').value = a.upper === null || a.upper === undefined ? '' : String(a.upper).replace('.', ',');
  $('nf-unit').value = a.unit || '';
  $('nf-counted').value = a.counted || '';
  $('nf-error').textContent = '';
  $('number-form').showModal();
  $('nf-value').select();
}

$('number-form').addEventListener('submit', (e) => {
  const a = numberForm.annotation;
  if (!e.submitter || e.submitter.value !== 'save' || !a) return; // Cancel closes the dialog
  const value = typedNumber($('nf-value').value);
  const upper = typedNumber($('nf-upper').value);
  const qualifier = $('nf-qualifier').value;
  let problem = '';
  if (value === null || Number.isNaN(value)) problem = 'The value must be a number, such as 43 or 2,5.';
  else if (Number.isNaN(upper)) problem = 'The upper bound must be a number, or empty.';
  else if (qualifier === 'range' && (upper === null || upper <= value)) problem = 'A range needs an upper bound above the value.';
  if (problem) {
    e.preventDefault();
    $('nf-error').textContent = problem;
    return;
  }
  const reading = {
    value,
    qualifier,
    upper: qualifier === 'range' ? upper : null,
    unit: $('nf-unit').value.trim() || null,
    counted: $('nf-counted').value.trim() || null,
  };
  state.focus = a.start;
  addCorrection(correction.reading(a, reading), `Corrected the reading of «${a.text}». Undo (Ctrl+Z) takes it back.`);
});

$('number-form').addEventListener('close', () => {
  const a = numberForm.annotation;
  numberForm.annotation = null;
  // Back where the person was: the number's highlight.
  const m = a && $('view').querySelector(`mark[data-start="${a.start}"]`);
  if (m) m.focus();
});

$('panel').addEventListener('click', (e) => {
  const fix = e.target.closest('button[data-fix]');
  if (fix && state.doc) openNumberForm(state.doc.annotations.find((x) => x.id === fix.dataset.fix));
});

$('view').addEventListener('keydown', (e) => {
  if (e.key !== 'e' || e.ctrlKey || e.metaKey || e.altKey) return;
  const m = e.target.closest('mark[data-kind="number"]');
  if (!m || !state.doc) return;
  e.preventDefault();
  openNumberForm(state.doc.annotations.find((x) => x.id === m.dataset.id));
});
