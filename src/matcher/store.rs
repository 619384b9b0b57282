//! The index's large arrays: built in memory, or borrowed from a mapped cache file.
//!
//! A cached index of 100,000 terms is over 100 MB of key arrays. Copied into fresh memory,
//! every page of it is first zeroed by the kernel, which costs more than matching a long
//! transcript's first tenth; mapped, the file's pages are used where they already are, in
//! the page cache, and only those a lookup touches are ever brought in.

use std::ops::Deref;
use std::sync::Arc;

/// An immutable array of plain values, owned or inside a `Mapping`.
pub struct Store<T> {
    ptr: *const T,
    len: usize,
    /// Keeps the memory `ptr` points into alive.
    _owner: Owner<T>,
}

#[expect(dead_code, reason = "held to keep the memory alive, never read")]
enum Owner<T> {
    Owned(Box<[T]>),
    /// With room to spare, left as it is (see `Store::keeping_room`).
    Grown(Vec<T>),
    /// Memory of other values, written over (see `Store::over`).
    Reused(Vec<u64>),
    Mapped(Arc<Mapping>),
}

// SAFETY: a `Store` only hands out shared references to memory it keeps alive and never
// writes, like a `Box<[T]>` would.
unsafe impl<T: Sync> Sync for Store<T> {}
// SAFETY: as above; the mapping is released by whichever thread drops the last owner.
unsafe impl<T: Send + Sync> Send for Store<T> {}

impl<T: bytemuck::Pod> Store<T> {
    /// `len` values at `offset` bytes into `mapping`, or `None` when they do not fit in it or
    /// are not aligned for `T`.
    pub fn mapped(mapping: &Arc<Mapping>, offset: usize, len: usize) -> Option<Self> {
        let bytes = len.checked_mul(std::mem::size_of::<T>())?;
        let end = offset.checked_add(bytes)?;
        let slice: &[T] = bytemuck::try_cast_slice(mapping.bytes().get(offset..end)?).ok()?;
        Some(Store {
            ptr: slice.as_ptr(),
            len,
            _owner: Owner::Mapped(mapping.clone()),
        })
    }
}

impl<T: bytemuck::Pod> Store<T> {
    /// The first `len` values written over the memory of `words`, which has room for them:
    /// a large array converted in place is never held twice.
    pub fn over(words: Vec<u64>, len: usize) -> Self {
        let bytes: &[u8] = bytemuck::cast_slice(&words);
        let whole = bytes.len() / std::mem::size_of::<T>().max(1) * std::mem::size_of::<T>();
        let values: &[T] = bytemuck::cast_slice(&bytes[..whole]);
        assert!(len <= values.len(), "{len} values in {} words", words.len());
        Store {
            ptr: values.as_ptr(),
            len,
            _owner: Owner::Reused(words),
        }
    }
}

impl<T> From<Box<[T]>> for Store<T> {
    fn from(items: Box<[T]>) -> Self {
        Store {
            ptr: items.as_ptr(),
            len: items.len(),
            _owner: Owner::Owned(items),
        }
    }
}

impl<T> Store<T> {
    /// The items of `items`, its spare room kept. Fitting a large vector that has room for
    /// more than twice its items moves them to a new allocation: the key table of a million
    /// entries (560 MB, in the 1.2 GB of the pairs it was sorted from) took 1.5 s to move,
    /// and needed both at once.
    pub fn keeping_room(items: Vec<T>) -> Self {
        Store {
            ptr: items.as_ptr(),
            len: items.len(),
            _owner: Owner::Grown(items),
        }
    }
}

impl<T> From<Vec<T>> for Store<T> {
    fn from(items: Vec<T>) -> Self {
        items.into_boxed_slice().into()
    }
}

impl<T> Default for Store<T> {
    fn default() -> Self {
        Vec::new().into()
    }
}

impl<T> Deref for Store<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        // SAFETY: `ptr` and `len` describe memory that `_owner` keeps alive and unchanged:
        // the boxed slice, or a checked, aligned range of the mapping.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Store<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

/// Item `i` of `items`, the items one after the other, item `i` ending at `ends[i]`; empty
/// when the ends do not cut `items` there. Arrays mapped from a cache are not checked whole
/// at every load (that would read them all): a file made to deceive reads as empty items.
pub fn item<'a, T>(items: &'a [T], ends: &[u64], i: usize) -> &'a [T] {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    items.get(start..ends[i] as usize).unwrap_or(&[])
}

/// A whole file mapped read-only into memory.
///
/// The cache writes its files whole under a temporary name and renames them into place
/// (`write_atomic_with`), so a mapped file is never truncated or rewritten under a reader;
/// pruning only unlinks it, which leaves the mapping intact.
pub struct Mapping {
    map: memmap2::Mmap,
}

impl Mapping {
    pub fn of(file: &std::fs::File) -> std::io::Result<Arc<Mapping>> {
        // SAFETY: the file is never truncated or rewritten while mapped (see above).
        let map = unsafe { memmap2::Mmap::map(file)? };
        Ok(Arc::new(Mapping { map }))
    }

    /// Lets the kernel take back the pages of `range` from this process: they stay in the
    /// page cache, and a later read maps them again without copying or zeroing. The bytes
    /// read the same either way: the mapping is read-only and the file is never rewritten.
    pub fn release(&self, range: std::ops::Range<usize>) {
        #[cfg(unix)]
        if range.start < range.end && range.end <= self.map.len() {
            // SAFETY: for a private read-only file mapping `MADV_DONTNEED` only drops page
            // table entries, never content. Failing advice changes nothing.
            let _ = unsafe {
                self.map.unchecked_advise_range(
                    memmap2::UncheckedAdvice::DontNeed,
                    range.start,
                    range.end - range.start,
                )
            };
        }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_and_mapped_arrays_read_the_same() {
        let values: Vec<u64> = (0..1000).map(|i| i * 7).collect();
        let owned: Store<u64> = values.clone().into();
        assert_eq!(&owned[..], &values[..]);

        let path = std::env::temp_dir().join(format!("transfix-store-{}", std::process::id()));
        std::fs::write(&path, bytemuck::cast_slice(&values)).unwrap();
        let mapping = Mapping::of(&std::fs::File::open(&path).unwrap()).unwrap();
        std::fs::remove_file(&path).unwrap();
        let mapped = Store::<u64>::mapped(&mapping, 8, 999).unwrap();
        assert_eq!(&mapped[..], &values[1..]);
        assert!(Store::<u64>::mapped(&mapping, 4, 1).is_none(), "misaligned");
        assert!(
            Store::<u64>::mapped(&mapping, 8, 1000).is_none(),
            "past the end"
        );
        mapping.release(0..8000);
        assert_eq!(&mapped[..], &values[1..], "released pages read the same");
        drop(mapping);
        assert_eq!(mapped[998], 999 * 7, "the array keeps the mapping alive");
    }
}
