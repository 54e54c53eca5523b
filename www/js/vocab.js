// The page's lookups: `$` for elements by id, the kinds and their types (asked from the core
// at start: `vocab.load`, the core's `kinds`), and the keys that mark each kind.
const $ = (id) => document.getElementById(id);
const vocab = {
  kinds: [], // [{ kind: 'actor', label: 'Actors', types: ['person', …] }, …], from the core
  kindOf: {}, // type → kind
  async load() {
    this.kinds = await core.call('kinds');
    this.kindOf = Object.fromEntries(this.kinds.flatMap((k) => k.types.map((t) => [t, k.kind])));
  },
};
const KEY_KIND = { a: 'actor', p: 'place', n: 'number' };
