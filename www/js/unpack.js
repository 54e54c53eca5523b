// Unpacking the inlined data (base64 of gzip: the wasm code, the model, the place table). Used
// by the page (www/js/core.js, when no Worker can start) and by the worker (build.mjs puts
// this file before www/worker.js in the worker's source too).

// base64 → bytes, natively where the browser can.
function fromBase64(text) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

// base64 of gzip → the bytes it packs.
async function unpack(base64) {
  const stream = new Blob([fromBase64(base64)]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
