//! Which paths changed under the evidence folder, from the kernel (`serve` on Linux:
//! inotify), so that a refresh looks only at them instead of every file.
//!
//! A [`Notifier`] watches folders (the walk adds each folder it enters); [`Notifier::take`]
//! returns, without blocking, the paths named by the events since the last call: a file or
//! folder created, written, closed after writing, changed in its metadata (a `touch`),
//! deleted or moved, inside a watched folder, or a watched folder itself deleted or moved.
//! When events were lost (the kernel's queue overflowed, a folder could not be watched) it
//! says so, and the caller looks at every file instead. Elsewhere than Linux there is no
//! notifier and the caller always looks at every file.

use std::path::{Path, PathBuf};

/// What happened since the last look.
#[derive(Debug, PartialEq, Eq)]
pub enum Events {
    /// Nothing.
    None,
    /// Something at or below each of these paths (deduplicated, in no order).
    Paths(Vec<PathBuf>),
    /// Events may have been lost: only a look at every file can tell.
    Lost,
}

#[cfg(target_os = "linux")]
pub use linux::Notifier;

#[cfg(not(target_os = "linux"))]
pub use other::Notifier;

#[cfg(target_os = "linux")]
mod linux {
    use std::collections::HashMap;
    use std::ffi::OsStr;
    use std::mem::MaybeUninit;
    use std::os::fd::OwnedFd;
    use std::os::unix::ffi::OsStrExt;

    use rustix::fs::inotify::{self, CreateFlags, ReadFlags, WatchFlags};
    use rustix::io::Errno;

    use super::{Events, Path, PathBuf};

    /// An inotify instance and the folders it watches.
    #[derive(Debug)]
    pub struct Notifier {
        fd: OwnedFd,
        /// Watch descriptor → folder.
        dirs: HashMap<i32, PathBuf>,
        /// A watch could not be added or the queue overflowed since the last look.
        lost: bool,
        buf: Vec<MaybeUninit<u8>>,
    }

    /// Events that say a path changed (reads and opens do not).
    fn wanted() -> WatchFlags {
        WatchFlags::CREATE
            | WatchFlags::DELETE
            | WatchFlags::MODIFY
            | WatchFlags::CLOSE_WRITE
            | WatchFlags::ATTRIB
            | WatchFlags::MOVED_FROM
            | WatchFlags::MOVED_TO
            | WatchFlags::DELETE_SELF
            | WatchFlags::MOVE_SELF
            | WatchFlags::DONT_FOLLOW
            | WatchFlags::ONLYDIR
    }

    impl Notifier {
        /// A notifier, or `None` when the system gives none (too many instances, say).
        pub fn new() -> Option<Notifier> {
            let fd = inotify::init(CreateFlags::CLOEXEC | CreateFlags::NONBLOCK).ok()?;
            Some(Notifier {
                fd,
                dirs: HashMap::new(),
                lost: false,
                buf: vec![MaybeUninit::uninit(); 64 * 1024],
            })
        }

        /// Watches a folder (again: watching one twice is one watch). A folder that cannot
        /// be watched (the system's limit on watches) makes the next look [`Events::Lost`].
        pub fn watch(&mut self, dir: &Path) {
            match inotify::add_watch(&self.fd, dir, wanted()) {
                Ok(wd) => {
                    self.dirs.insert(wd, dir.to_path_buf());
                }
                // Gone already: its parent's event names it.
                Err(Errno::NOENT) | Err(Errno::NOTDIR) => {}
                Err(_) => self.lost = true,
            }
        }

        /// Stops watching the folders that are not in `keep` (after a walk of everything:
        /// folders gone, moved away or now excluded).
        pub fn keep_only(&mut self, keep: &std::collections::HashSet<PathBuf>) {
            let stale: Vec<i32> = self
                .dirs
                .iter()
                .filter(|(_, d)| !keep.contains(*d))
                .map(|(wd, _)| *wd)
                .collect();
            for wd in stale {
                self.dirs.remove(&wd);
                let _ = inotify::remove_watch(&self.fd, wd);
            }
        }

        /// The paths changed since the last call, without blocking.
        pub fn take(&mut self) -> Events {
            let mut paths: Vec<PathBuf> = Vec::new();
            let mut reader = inotify::Reader::new(&self.fd, &mut self.buf);
            loop {
                let event = match reader.next() {
                    Ok(e) => e,
                    Err(Errno::AGAIN) | Err(Errno::INTR) => break,
                    Err(_) => {
                        self.lost = true;
                        break;
                    }
                };
                let flags = event.events();
                if flags.contains(ReadFlags::QUEUE_OVERFLOW) {
                    self.lost = true;
                    continue;
                }
                let Some(dir) = self.dirs.get(&event.wd()) else {
                    continue;
                };
                let path = match event.file_name() {
                    Some(name) => dir.join(OsStr::from_bytes(name.to_bytes())),
                    None => dir.clone(),
                };
                if flags.contains(ReadFlags::IGNORED) {
                    // The watch is gone (its folder was deleted): its parent names it.
                    self.dirs.remove(&event.wd());
                }
                paths.push(path);
            }
            if std::mem::take(&mut self.lost) {
                return Events::Lost;
            }
            if paths.is_empty() {
                return Events::None;
            }
            paths.sort_unstable();
            paths.dedup();
            Events::Paths(paths)
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod other {
    use super::{Events, Path, PathBuf};

    /// No notifier on this system: [`Notifier::new`] says so.
    #[derive(Debug)]
    pub struct Notifier;

    impl Notifier {
        pub fn new() -> Option<Notifier> {
            None
        }
        pub fn watch(&mut self, _dir: &Path) {}
        pub fn keep_only(&mut self, _keep: &std::collections::HashSet<PathBuf>) {}
        pub fn take(&mut self) -> Events {
            Events::Lost
        }
    }
}
