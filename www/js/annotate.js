// Annotating: the core annotates the text afresh and replays the corrections. A newer request
// supersedes an older one.


// An edit of a long article (`edited`, from this many UTF-16 units) is annotated first in the
// paragraphs it changed (the worker's applyEdit); that document is `partial` (its new names
// join no entity yet, the overview waits) until the whole text is annotated, when typing has
// paused for WHOLE_AFTER ms (or before an export or a fact correction needs it).
// (A test may wait longer, `window.tusjWholeAfter`, to look at the partial drawing on a
// loaded machine.)
const EDIT_FROM = 20000;
const WHOLE_AFTER = Number(globalThis.tusjWholeAfter) || 1000;

async function reannotate(keepStatus, afterTrap = false, edited = false) {
  const generation = ++state.annotateGeneration;
  clearTimeout(state.wholeTimer);
  if (!keepStatus) setStatus('Annotating…');
  try {
    const quick = edited && state.text.length >= EDIT_FROM && !state.corrections.length;
    const result = await core.call(quick ? 'edited' : 'apply', state.text, state.corrections);
    showPasted(); // the text box and its highlights in the same frame
    const { document: doc, skipped } = result;
    if (generation !== state.annotateGeneration) return;
    state.doc = doc;
    state.partial = Boolean(result.partial);
    if (state.partial) state.wholeTimer = setTimeout(() => reannotate(true), WHOLE_AFTER);
    clearError();
    if (!(await render(doc))) return;
    if (generation !== state.annotateGeneration) return;
    updateMarkTools();
    $('view').dataset.partial = String(state.partial);
    $('view').dataset.rendered = String(generation); // tests wait for these
    const n = doc.annotations.length;
    const count = n === 1 ? '1 highlight.' : `${n} highlights.`;
    if (afterTrap) setStatus(`The annotator stopped (${afterTrap}) and was restarted; the article is annotated again: ${count}`, true);
    else setStatus(count);
    const unreadable = skipped.filter((s) => s.reason === 'unreadable_number');
    if (unreadable.length) {
      setStatus(
        `No number could be read in ${unreadable.map((s) => `«${s.correction.text}»`).join(', ')}; ` +
          'that mark is kept in your corrections but not shown.',
        true,
      );
    }
    // The overview and the saved counts wait until the browser has shown the highlights.
    await yieldToBrowser();
    if (generation !== state.annotateGeneration || state.partial) return;
    saveCounts(doc);
    await renderPanel(doc);
    if (generation === state.annotateGeneration) $('panel').dataset.rendered = String(generation);
  } catch (err) {
    showPasted();
    if (generation !== state.annotateGeneration) return;
    // The core trapped and its worker was replaced (core.js): annotate once more on the new
    // one; a second trap on the same text is reported, and the next edit tries again.
    if (err.trapped && !afterTrap) {
      setStatus(`The annotator stopped (${err.message}) and was restarted; annotating the article again…`, true);
      return reannotate(true, err.message);
    }
    if (err.trapped) {
      showError(
        `The annotator stopped again on this article (${err.message}). It has been restarted and your ` +
          'text is kept; edit the article or paste another to try again.',
      );
      setStatus('');
      return;
    }
    showError(`The annotator failed: ${err.message}. Your text is kept; try again or reload the page.`);
    setStatus('');
  }
}

// Editing the text. A burst of typing is one step for undo; when it settles, the corrections
// are moved to where their words now are (the core's rebase), and any whose words are gone
// are announced.


// The document of the whole text as it is now, for what must not work on a partial one.
async function wholeDoc() {
  await settle();
  // (Typing meanwhile makes it partial again; a few tries, then the newest document.)
  for (let tries = 0; state.partial && tries < 3; tries++) await reannotate(true);
  return state.doc;
}

function settleSoon() {
  if (!state.editTimer) remember();
  clearTimeout(state.editTimer);
  clearTimeout(state.wholeTimer); // typing goes on: the whole text waits
  // Longer articles wait a little longer, so that typing does not queue up work.
  state.editTimer = setTimeout(settle, 250 + Math.min(1000, boxLength() / 2000));
  updateHistoryButtons();
}

// `text`: the text as edited, when the text box does not have it yet (a paste, paste.js);
// else the box's.
function settle(text) {
  clearTimeout(state.editTimer);
  state.editTimer = 0;
  // An edit that waited for another starts in a task of its own: the one before ends in the
  // task that drew its highlights, and in a long article sending the text and saving it are
  // tens of milliseconds more.
  const waited = state.editsQueued++ > 0;
  const edit = async () => {
    try {
      if (waited) await yieldToBrowser();
      await settleEdit(text);
    } finally {
      state.editsQueued--;
    }
  };
  state.editQueue = state.editQueue.then(edit, edit);
  return state.editQueue;
}

async function settleEdit(edited) {
  const text = edited ?? boxText();
  if (text === state.text) return;
  let corrections = state.corrections;
  let dropped = [];
  if (corrections.length) {
    try {
      ({ corrections, dropped } = await core.call('rebase', state.text, text, corrections));
    } catch (err) {
      showError(`Your corrections could not be moved to the edited text: ${err.message}.`);
      return;
    }
  }
  state.text = text;
  state.corrections = corrections;
  fitSections(text);
  let message = '';
  if (dropped.length) {
    const words = dropped.map((c) => `«${c.text}»`).join(', ');
    message =
      `${dropped.length === 1 ? 'A correction no longer fits' : `${dropped.length} corrections no longer fit`} ` +
      `the edited text and ${dropped.length === 1 ? 'was' : 'were'} dropped: ${words}. Undo (Ctrl+Z) brings ` +
      `${dropped.length === 1 ? 'it' : 'them'} back.`;
    setStatus(message, true);
  }
  // A paste not yet in the text box (paste.js): nothing changes on screen (status, list of
  // articles, buttons) until it goes in with its highlights, so that the browser does not
  // draw a frame while the core works; and it is saved then too (storage.js, saveSoon), or
  // at once if the page is left first.
  const ahead = edited !== undefined && Boolean(state.pasted) && state.pasted.next === text;
  const annotated = reannotate(Boolean(message) || ahead, false, true); // asks the core first; saving overlaps its work
  if (ahead) saveSoon();
  else {
    save();
    updateHistoryButtons();
  }
  await annotated;
}

source.addEventListener('input', settleSoon);
