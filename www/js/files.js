// Opening files: a .tusj.json continues saved work; a .txt is a new article. Anything else, or
// a file the core rejects, gets a message and leaves the current work as it was.

function baseOf(fileName) {
  return fileName.replace(/\.(tusj\.json|json|txt)$/i, '');
}

async function openFile(file) {
  const lower = file.name.toLowerCase();
  const isJson = lower.endsWith('.json');
  const isText = lower.endsWith('.txt') || (!isJson && file.type === 'text/plain');
  if (!isJson && !isText) {
    showError(`«${file.name}» is neither a .txt article nor a .tusj.json document; nothing was changed.`);
    return;
  }
  let content;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    showError(`«${file.name}» is not UTF-8 text; nothing was changed.`);
    return;
  }
  if (isJson) {
    let doc;
    try {
      doc = await core.call('openJson', content);
    } catch (err) {
      showError(`«${file.name}» could not be opened: ${err.message}. Your current work is unchanged.`);
      return;
    }
    clearError();
    await commit(
      { text: doc.text, corrections: doc.corrections || [], name: baseOf(file.name) },
      `Opened «${file.name}» with ${(doc.corrections || []).length} corrections. Undo (Ctrl+Z) returns to the previous article.`,
    );
  } else {
    clearError();
    await commit(
      { text: content.replace(/^\uFEFF/, ''), corrections: [], name: baseOf(file.name) },
      `Opened «${file.name}». Undo (Ctrl+Z) returns to the previous article.`,
    );
  }
}

$('open').addEventListener('click', () => $('file').click());
$('file').addEventListener('change', () => {
  const file = $('file').files[0];
  $('file').value = '';
  if (file) openFile(file);
});

const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
document.addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  if (!document.body.classList.contains('dropping')) {
    document.body.classList.add('dropping');
    setStatus('Drop to open the file.');
  }
}, true);
document.addEventListener('dragleave', (e) => {
  if (!e.relatedTarget) document.body.classList.remove('dropping');
});
// A drag that ends outside the page (Escape, or dropped elsewhere) leaves no «Drop to open».
document.addEventListener('dragend', () => document.body.classList.remove('dropping'));
document.addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.stopPropagation();
  document.body.classList.remove('dropping');
  const file = e.dataTransfer.files[0];
  if (file) openFile(file);
}, true);

$('new').addEventListener('click', () => {
  commit({ text: '', corrections: [], name: '' }, 'New, empty article. Undo (Ctrl+Z) brings the previous one back.');
  source.focus();
});

// Export: every format is written by the core.

function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function exportDoc(format) {
  const doc = await wholeDoc();
  if (!doc) throw new Error('nothing is annotated yet');
  const [content, name, type] = await Promise.all([
    core.call('exportAs', doc, format),
    core.call('fileName', doc, state.name, format),
    core.call('mediaType', format),
  ]);
  return { content, name, type };
}

async function exportTo(format) {
  try {
    const { content, name, type } = await exportDoc(format);
    download(name, content, type);
    setStatus(`Exported ${name}.`, true);
  } catch (err) {
    showError(`Export failed: ${err.message}.`);
  }
}

$('export').addEventListener('click', () => exportTo('tusj'));
$('export-other').addEventListener('click', () => exportTo($('format').value));
$('copy').addEventListener('click', async () => {
  try {
    const { content } = await exportDoc('tusj');
    await navigator.clipboard.writeText(content);
    setStatus('The JSON is on the clipboard.', true);
  } catch (err) {
    showError(`Copy failed: ${err.message}.`);
  }
});
