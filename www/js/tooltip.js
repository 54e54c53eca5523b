// The tooltip: what the mark under the pointer or focus is — its kind and type, a number's
// reading in words (from the core's numbers table), an entity's name, other names and mention
// count.

function describe(a) {
  const lines = [`${a.kind}: ${a.type}`];
  if (a.kind === 'number') {
    const words = numberWords.get(a.id);
    if (words) lines.push(words);
  }
  const ent = a.entity && state.doc.entities.find((e) => e.id === a.entity);
  if (ent) {
    const n = ent.mentions.length;
    const aliases = ent.aliases.filter((x) => x !== ent.name);
    lines.push(`${ent.name}${aliases.length ? ` (also ${aliases.join(', ')})` : ''}, ${n} ${n === 1 ? 'mention' : 'mentions'}`);
  }
  if (a.source === 'user') lines.push('your correction');
  else if (a.source && a.source !== 'model' && a.source !== 'rules') lines.push(`by ${a.source}`);
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
  // While shown, the tip is part of the mark's description.
  if (!mark.getAttribute('aria-describedby').split(' ').includes('tip')) {
    mark.setAttribute('aria-describedby', `${mark.getAttribute('aria-describedby')} tip`);
  }
  described.add(mark);
}

// The marks whose description names the tip (kept here: looking for them among a long
// article's 170,000 marks at every drawing took 20–70 ms).
const described = new Set();

function hideTip() {
  $('tip').hidden = true;
  for (const m of described) {
    m.setAttribute('aria-describedby', m.getAttribute('aria-describedby').replace(/ ?\btip$/, ''));
  }
  described.clear();
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
  tabStop(e.target);
});
$('view').addEventListener('focusout', hideTip);
