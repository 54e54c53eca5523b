// The map of the places (SPEC §2c): Natural Earth's country shapes (world-atlas, inlined as a
// data block) drawn with d3-geo, and a point per linked place, sized by its mentions. Hovering
// a point names it; choosing it shows its mentions in the text; choosing a place in the text or
// the overview shows it on the map. The map frames the article's places, not the world.

const SVG = 'http://www.w3.org/2000/svg';
const MAP_SIZE = { width: 480, height: 300 };
let worldShapes = null;
let countryNames = null;

// A country's name in Norwegian, from the browser's own CLDR data (no network).
function countryName(code) {
  if (!code) return '';
  try {
    countryNames = countryNames || new Intl.DisplayNames(['nb'], { type: 'region' });
    return countryNames.of(code) || code;
  } catch {
    return code;
  }
}

function world() {
  if (!worldShapes) {
    const topo = JSON.parse($('world-data').textContent);
    worldShapes = topojson.feature(topo, topo.objects.countries);
  }
  return worldShapes;
}

function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

// What the map frames: the places' points, widened to at least 12 degrees so one town is shown
// with its surroundings.
function frame(points) {
  if (!points.length) return { type: 'Sphere' };
  // (A loop, not `Math.min(...lons)`: a call takes at most about 120,000 arguments.)
  let [west, east, south, north] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [lon, lat] of points) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const [cx, cy] = [(west + east) / 2, (south + north) / 2];
  const w = Math.max(east - west, 12) / 2 + 2;
  const h = Math.max(north - south, 8) / 2 + 2;
  const x0 = Math.max(cx - w, -180);
  const x1 = Math.min(cx + w, 180);
  const y0 = Math.max(cy - h, -89);
  const y1 = Math.min(cy + h, 89);
  return {
    type: 'Polygon',
    coordinates: [[[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]]],
  };
}

function renderMap(doc) {
  const box = $('map');
  const places = doc.entities.filter((e) => e.geo);
  const count = $('map-count');
  if (!places.length) {
    if (count) count.textContent = '0';
    box.replaceChildren(Object.assign(document.createElement('p'), { className: 'none', textContent: 'No places on the map.' }));
    return;
  }
  const { width, height } = MAP_SIZE;
  const projection = d3.geoNaturalEarth1().fitExtent(
    [
      [12, 12],
      [width - 12, height - 12],
    ],
    // The article's region: where its places are (a state acting far away, the USA in an
    // article about Syria, is drawn if it fits but does not widen the frame).
    frame((places.some((e) => e.kind === 'place') ? places.filter((e) => e.kind === 'place') : places).map((e) => [e.geo.lon, e.geo.lat])),
  );
  // Which places fall inside the frame: the rest are named below it, not counted on it.
  const onMap = [];
  const beyond = [];
  for (const ent of places) {
    const xy = projection([ent.geo.lon, ent.geo.lat]);
    if (xy && Number.isFinite(xy[0]) && xy[0] >= 0 && xy[0] <= width && xy[1] >= 0 && xy[1] <= height) onMap.push({ ent, xy });
    else beyond.push(ent);
  }
  if (count) count.textContent = String(onMap.length);
  const path = d3.geoPath(projection);
  const map = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': `Map of ${onMap.length} ${onMap.length === 1 ? 'place' : 'places'}` });
  const clip = svg('clipPath', { id: 'map-clip' });
  clip.append(svg('rect', { width, height }));
  const land = svg('g', { class: 'land', 'clip-path': 'url(#map-clip)', 'aria-hidden': 'true' });
  land.append(svg('rect', { class: 'sea', width, height }));
  for (const f of world().features) {
    const d = path(f);
    if (d) land.append(svg('path', { d }));
  }
  const points = svg('g', { class: 'points' });
  // Big points first, so a small one on top of a big one stays reachable.
  for (const { ent, xy } of onMap.sort((a, b) => b.ent.mentions.length - a.ent.mentions.length)) {
    const n = ent.mentions.length;
    const label = `${ent.name}${where(ent) ? ` (${where(ent)})` : ''}: ${n} ${n === 1 ? 'mention' : 'mentions'}`;
    const dot = svg('circle', {
      class: 'place',
      cx: xy[0].toFixed(1),
      cy: xy[1].toFixed(1),
      r: (3 + 2.5 * Math.sqrt(n)).toFixed(1),
      tabindex: '0',
      role: 'button',
      'aria-label': label,
      'data-entity': ent.id,
    });
    const title = svg('title');
    title.textContent = label;
    dot.append(title);
    const name = svg('text', { x: (xy[0] + 6 + 2.5 * Math.sqrt(n)).toFixed(1), y: (xy[1] + 4).toFixed(1), 'aria-hidden': 'true' });
    name.textContent = ent.name;
    points.append(dot, name);
  }
  map.append(clip, land, points);
  const parts = [map];
  if (beyond.length) {
    const list = document.createElement('p');
    list.className = 'beyond';
    list.append('Beyond this frame: ');
    beyond.forEach((ent, i) => {
      const go = document.createElement('button');
      go.type = 'button';
      go.className = 'beyond-place';
      go.dataset.entity = ent.id;
      go.textContent = ent.name;
      go.title = `${where(ent)}: show the ${ent.mentions.length === 1 ? 'mention' : 'mentions'}`;
      list.append(...(i ? [', ', go] : [go]));
    });
    parts.push(list);
  }
  box.replaceChildren(...parts);
}

// What a point is: the data's name where it differs, and the country in Norwegian.
function where(ent) {
  return [ent.geo.name !== ent.name ? ent.geo.name : '', countryName(ent.geo.country)].filter(Boolean).join(', ');
}

// Lights up an entity's point, or its name below the map when it lies beyond the frame
// (choosing it in the text or the overview).
function showOnMap(entityId) {
  for (const c of $('map').querySelectorAll('.chosen')) c.classList.remove('chosen');
  const dot = $('map').querySelector(`[data-entity="${entityId}"]`);
  if (dot) dot.classList.add('chosen');
}

function chooseOnMap(dot) {
  const id = dot.dataset.entity;
  showOnMap(id);
  const ent = state.doc.entities.find((e) => e.id === id);
  const marks = [...$('view').querySelectorAll(`mark[data-entity="${id}"]`)];
  if (ent) pick(marks, `${ent.name}: ${marks.length} ${marks.length === 1 ? 'mention' : 'mentions'} highlighted.`);
}

$('map').addEventListener('click', (e) => {
  const dot = e.target.closest('circle.place, button.beyond-place');
  if (dot) chooseOnMap(dot);
});
$('map').addEventListener('keydown', (e) => {
  const dot = e.target.closest('circle.place');
  if (dot && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    chooseOnMap(dot);
  }
});
$('view').addEventListener('click', (e) => {
  const mark = e.target.closest('mark[data-entity]');
  if (mark) showOnMap(mark.dataset.entity);
});
$('panel').addEventListener('click', (e) => {
  const go = e.target.closest('button.entity');
  if (go) showOnMap(go.dataset.entity);
});
