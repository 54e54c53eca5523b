//! A table from strings to small values that keeps its keys one after another in one
//! string and finds them through a [`HashTable`] of offsets: no allocation per key, and
//! small entries that stay in the processor's cache better than a map of owned strings.
//! The tagger's name tables and form cache and the place table's names use it.

use hashbrown::hash_table::Entry;
use hashbrown::HashTable;

use crate::fxhash::str_hash;

/// See the module docs. Keys are bounded by 4 GB in all; past that a key is not kept.
#[derive(Clone, Debug)]
pub(crate) struct StrTable<V> {
    /// The keys, one after another.
    keys: String,
    /// Per key, where it lies in `keys`, and its value; hashed by [`str_hash`].
    index: HashTable<Slot<V>>,
}

/// What [`StrTable::set_hashed`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Set {
    /// The key was there; its value is changed.
    Changed,
    /// The key is new and added.
    Added,
    /// The key is new and past the table's 4 GB of keys: left out.
    LeftOut,
}

#[derive(Clone, Copy, Debug)]
struct Slot<V> {
    start: u32,
    len: u32,
    value: V,
}

impl<V> Slot<V> {
    fn key<'k>(&self, keys: &'k str) -> &'k str {
        let start = self.start as usize;
        keys.get(start..start + self.len as usize).unwrap_or("")
    }
}

/// Appends `key` to `keys` and gives its slot, unless it would end past 4 GB.
fn append<V>(keys: &mut String, key: &str, value: V) -> Option<Slot<V>> {
    let start = u32::try_from(keys.len()).ok()?;
    let len = u32::try_from(key.len()).ok()?;
    start.checked_add(len)?;
    keys.push_str(key);
    Some(Slot { start, len, value })
}

impl<V> Default for StrTable<V> {
    fn default() -> StrTable<V> {
        StrTable::with_capacity(0)
    }
}

impl<V> StrTable<V> {
    /// An empty table with room for `n` keys.
    pub(crate) fn with_capacity(n: usize) -> StrTable<V> {
        StrTable {
            keys: String::new(),
            index: HashTable::with_capacity(n),
        }
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.get_hashed(str_hash(key), key)
    }

    /// The value of `key`, whose [`str_hash`] the caller has.
    pub(crate) fn get_hashed(&self, hash: u64, key: &str) -> Option<&V> {
        let keys = &self.keys;
        self.index
            .find(hash, |s| s.key(keys) == key)
            .map(|s| &s.value)
    }

    /// Adds `key`, whose [`str_hash`] the caller has, with `value`. The key must not be
    /// in the table yet (it would be found twice). False when the key would end past the
    /// table's 4 GB of keys and is left out.
    pub(crate) fn insert_new_hashed(&mut self, hash: u64, key: &str, value: V) -> bool {
        let Some(slot) = append(&mut self.keys, key, value) else {
            return false;
        };
        let keys = &self.keys;
        self.index
            .insert_unique(hash, slot, |s| str_hash(s.key(keys)));
        true
    }

    /// Sets the value of `key`, whose [`str_hash`] the caller has, adding the key when
    /// it is new.
    pub(crate) fn set_hashed(&mut self, hash: u64, key: &str, value: V) -> Set {
        let keys = &self.keys;
        let entry = self
            .index
            .entry(hash, |s| s.key(keys) == key, |s| str_hash(s.key(keys)));
        match entry {
            Entry::Occupied(mut e) => {
                e.get_mut().value = value;
                Set::Changed
            }
            Entry::Vacant(vacant) => match append(&mut self.keys, key, value) {
                Some(slot) => {
                    vacant.insert(slot);
                    Set::Added
                }
                None => Set::LeftOut,
            },
        }
    }

    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the table is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Empties the table, keeping its allocations.
    pub(crate) fn clear(&mut self) {
        self.keys.clear();
        self.index.clear();
    }

    /// Gives back the room the keys' string grew beyond its keys.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.keys.shrink_to_fit();
    }

    /// The keys and their values, in no order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.index.iter().map(|s| (s.key(&self.keys), &s.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_and_set() {
        let mut t = StrTable::default();
        assert!(t.is_empty());
        assert!(t.insert_new_hashed(str_hash("oslo"), "oslo", 1u16));
        assert_eq!(t.set_hashed(str_hash("oslo s"), "oslo s", 2), Set::Added);
        assert_eq!(t.set_hashed(str_hash("bergen"), "bergen", 4), Set::Added);
        assert_eq!(t.set_hashed(str_hash("oslo"), "oslo", 8), Set::Changed);
        assert_eq!(
            (t.get("oslo"), t.get("oslo s"), t.get("bergen")),
            (Some(&8), Some(&2), Some(&4))
        );
        assert_eq!((t.get("osl"), t.get(""), t.len()), (None, None, 3));
        let mut all: Vec<(&str, u16)> = t.iter().map(|(k, &v)| (k, v)).collect();
        all.sort();
        assert_eq!(all, [("bergen", 4), ("oslo", 8), ("oslo s", 2)]);
        t.clear();
        assert_eq!((t.len(), t.get("oslo")), (0, None));
    }
}
