// The page's lookups: `$` for elements by id, and the kinds and types the page offers for
// marking. (The kinds and types are the core's vocabulary; see the note in the report of
// issue 8 — this list is still a copy.)
const $ = (id) => document.getElementById(id);
const KINDS = [
  { kind: 'actor', label: 'Actors', types: ['person', 'organisation', 'state'] },
  { kind: 'place', label: 'Places', types: ['geopolitical', 'location'] },
  {
    kind: 'number',
    label: 'Numbers',
    types: ['count', 'year', 'date', 'time', 'percent', 'money', 'measure', 'ordinal'],
  },
];
const KIND_OF = Object.fromEntries(KINDS.flatMap((k) => k.types.map((t) => [t, k.kind])));
const KEY_KIND = { a: 'actor', p: 'place', n: 'number' };
