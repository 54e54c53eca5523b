//! Batch work on every core for the command line (native only; the page has its worker):
//! items are read on one thread, worked on by several, and written in input order.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use std::io::{IsTerminal, Write};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::Mutex;
use std::time::{Duration, Instant};

thread_local! {
    /// What this thread works on («FILE», «-:LINE»), for the line an allocation failure
    /// prints before the process aborts.
    static WORKING_ON: RefCell<String> = const { RefCell::new(String::new()) };
    /// Set while that line is being written, so that a failure in writing it cannot recurse.
    static REPORTING: Cell<bool> = const { Cell::new(false) };
}

/// Records what this thread works on, for [`NamingAllocator`].
pub fn working_on(what: &str) {
    WORKING_ON.with(|w| {
        if let Ok(mut w) = w.try_borrow_mut() {
            w.clear();
            w.push_str(what);
        }
    });
}

/// The system allocator, which on a failed allocation first writes a line naming the file
/// or input line being worked on (Rust then prints «memory allocation of N bytes failed»
/// and aborts, as it always does).
pub struct NamingAllocator;

impl NamingAllocator {
    fn report(layout: Layout) {
        let first = REPORTING.try_with(|r| !r.replace(true)).unwrap_or(false);
        if !first {
            return;
        }
        let _ = WORKING_ON.try_with(|w| {
            if let Ok(w) = w.try_borrow() {
                if !w.is_empty() {
                    let _ = writeln!(
                        std::io::stderr(),
                        "tusj: {w}: out of memory ({} bytes more were asked for)",
                        layout.size()
                    );
                }
            }
        });
    }
}

// SAFETY: every call goes to the system allocator unchanged; the failure report allocates
// nothing (it writes to the unbuffered standard error) and cannot recurse.
unsafe impl GlobalAlloc for NamingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if p.is_null() {
            Self::report(layout);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if p.is_null() {
            Self::report(layout);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if p.is_null() {
            Self::report(Layout::from_size_align(new_size, layout.align()).unwrap_or(layout));
        }
        p
    }
}

/// The number of threads to use when none is asked for: one per core.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work` over `items` on `threads` threads and hands the results to `emit` in the
/// order of `items`. At most a few items per thread are in flight, so memory stays bounded
/// however long the input. Stops early, returning its error, when `emit` fails (a closed
/// pipe). `size` says how many bytes an item holds, for the progress line.
pub fn ordered<I, R, E>(
    items: impl Iterator<Item = I> + Send,
    threads: usize,
    size: impl Fn(&I) -> usize + Sync,
    work: impl Fn(I) -> R + Sync,
    mut emit: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    R: Send,
{
    let mut progress = Progress::new();
    if threads <= 1 {
        for item in items {
            progress.add(size(&item));
            emit(work(item))?;
        }
        progress.finish();
        return Ok(());
    }
    let in_flight = threads * 4;
    let (job_tx, job_rx) = sync_channel::<(usize, I, usize)>(threads);
    let job_rx = Mutex::new(job_rx);
    let result = std::thread::scope(|scope| {
        let (done_tx, done_rx) = channel::<(usize, R, usize)>();
        // A permit per item in flight: the writer returns one for every item it writes.
        let (permit_tx, permit_rx) = sync_channel::<()>(in_flight);
        for _ in 0..in_flight {
            let _ = permit_tx.send(());
        }
        let size = &size;
        scope.spawn(move || {
            for (seq, item) in items.enumerate() {
                if permit_rx.recv().is_err() {
                    return;
                }
                let bytes = size(&item);
                if job_tx.send((seq, item, bytes)).is_err() {
                    return;
                }
            }
        });
        let (job_rx, work) = (&job_rx, &work);
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                // Once the writer has stopped, the jobs still queued are taken and dropped,
                // so that the reader is never left blocked on a full queue.
                let mut writer_gone = false;
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, item, bytes)) = job else {
                        return;
                    };
                    if !writer_gone {
                        writer_gone = done_tx.send((seq, work(item), bytes)).is_err();
                    }
                }
            });
        }
        drop(done_tx);
        write_in_order(done_rx, |r, bytes| {
            progress.add(bytes);
            emit(r)?;
            // The reader may have finished; a permit nobody takes is harmless.
            let _ = permit_tx.send(());
            Ok(())
        })
    });
    progress.finish();
    result
}

/// Receives numbered results and passes them on in number order.
fn write_in_order<R, E>(
    done: Receiver<(usize, R, usize)>,
    mut emit: impl FnMut(R, usize) -> Result<(), E>,
) -> Result<(), E> {
    let mut pending = std::collections::BTreeMap::new();
    let mut next = 0;
    for (seq, r, bytes) in done {
        pending.insert(seq, (r, bytes));
        while let Some((r, bytes)) = pending.remove(&next) {
            emit(r, bytes)?;
            next += 1;
        }
    }
    Ok(())
}

/// A progress line on standard error, for runs longer than two seconds, when standard
/// error is a terminal.
struct Progress {
    start: Instant,
    last: Instant,
    items: usize,
    bytes: usize,
    shown: bool,
    terminal: bool,
}

impl Progress {
    fn new() -> Progress {
        let now = Instant::now();
        Progress {
            start: now,
            last: now,
            items: 0,
            bytes: 0,
            shown: false,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn add(&mut self, bytes: usize) {
        self.items += 1;
        self.bytes += bytes;
        if !self.terminal || self.last.elapsed() < Duration::from_millis(500) {
            return;
        }
        let secs = self.start.elapsed().as_secs_f64();
        if secs < 2.0 {
            return;
        }
        self.last = Instant::now();
        self.shown = true;
        eprint!(
            "\rtusj: {} documents, {:.1} MB, {:.1} MB/s ",
            self.items,
            self.bytes as f64 / 1e6,
            self.bytes as f64 / 1e6 / secs
        );
    }

    fn finish(&mut self) {
        if self.shown {
            eprintln!();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_on_any_number_of_threads() {
        for threads in [1, 2, 5] {
            let mut got = Vec::new();
            // Later items finish first: the slow ones are at the start.
            let work = |i: u64| {
                std::thread::sleep(Duration::from_micros((50 - i % 50) * 20));
                i * 2
            };
            let r: Result<(), ()> = ordered(
                0..200u64,
                threads,
                |_| 1,
                work,
                |x| {
                    got.push(x);
                    Ok(())
                },
            );
            assert!(r.is_ok());
            assert_eq!(
                got,
                (0..200).map(|i| i * 2).collect::<Vec<_>>(),
                "{threads}"
            );
        }
    }

    #[test]
    fn a_failing_writer_stops_the_run() {
        let mut written = 0;
        let r = ordered(
            0..10_000u32,
            3,
            |_| 1,
            |i| i,
            |_| {
                written += 1;
                if written == 10 {
                    Err("closed")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err("closed"));
        assert_eq!(written, 10);
    }
}
