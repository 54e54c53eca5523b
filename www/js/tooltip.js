// The tooltip: the type (and, for numbers, the reading) of the mark under the pointer or focus.

function describe(a) {
  const lines = [`${a.kind}: ${a.type}`];
  if (a.kind === 'number' && typeof a.value === 'number') {
    let value = String(a.value);
    if (a.upper !== null && a.upper !== undefined) value += `–${a.upper}`;
    lines.push(`value ${value}`, `qualifier ${a.qualifier.replace(/_/g, ' ')}`);
    if (a.unit) lines.push(`unit ${a.unit}`);
    if (a.counted) lines.push(`counted: ${a.counted}`);
  }
  if (a.source && a.source !== 'model' && a.source !== 'rules') lines.push(`by ${a.source}`);
  return lines.join(' · ');
}

function annotationOf(mark) {
  return (state.doc && state.doc.annotations.find((x) => x.id === mark.dataset.id)) || null;
}

function showTip(mark) {
  const a = annotationOf(mark);
  if (!a) return;
  const tip = $('tip');
  tip.textContent = describe(a);
  tip.hidden = false;
  const r = mark.getBoundingClientRect();
  tip.style.left = `${Math.max(4, Math.min(r.left, window.innerWidth - tip.offsetWidth - 4)) + window.scrollX}px`;
  tip.style.top = `${r.bottom + window.scrollY + 6}px`;
  mark.setAttribute('aria-describedby', 'tip');
}

function hideTip() {
  $('tip').hidden = true;
}

$('view').addEventListener('mouseover', (e) => {
  const m = e.target.closest('mark');
  if (m) showTip(m);
});
$('view').addEventListener('mouseout', (e) => {
  if (e.target.closest('mark') && document.activeElement !== e.target.closest('mark')) hideTip();
});
$('view').addEventListener('focusin', (e) => {
  if (!e.target.matches('mark')) return;
  showTip(e.target);
  for (const m of $('view').querySelectorAll('mark[tabindex="0"]')) m.tabIndex = -1;
  e.target.tabIndex = 0;
});
$('view').addEventListener('focusout', hideTip);
