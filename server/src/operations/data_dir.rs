//! The data directory's lock: a server holds it while it runs, and what
//! must not run beside a server (`restore`, `reindex`) takes it too, so
//! it is refused with a clear message instead of pulling the database or the
//! index from under the server. The operating system releases it when the
//! process ends, however it ends.

use std::fs::{File, TryLockError};
use std::path::Path;

use anyhow::Context;

const LOCK_FILE: &str = "casebook.lock";

/// Held until dropped.
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
}

impl DataDirLock {
    /// Takes the lock of `data_dir` (which must exist), or says who holds it.
    pub fn take(data_dir: &Path) -> anyhow::Result<DataDirLock> {
        let path = data_dir.join(LOCK_FILE);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(DataDirLock { _file: file }),
            Err(TryLockError::WouldBlock) => anyhow::bail!(
                "a casebook server (or another command that needs it alone) is using the data directory {}: \
                 stop it first",
                data_dir.display()
            ),
            Err(TryLockError::Error(error)) => Err(error).with_context(|| format!("cannot lock {}", path.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DataDirLock;

    #[test]
    fn a_data_dir_is_locked_once_until_its_lock_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let held = DataDirLock::take(dir.path()).unwrap();
        let refused = DataDirLock::take(dir.path()).unwrap_err();
        assert!(format!("{refused:#}").contains("stop it first"), "{refused:#}");
        drop(held);
        DataDirLock::take(dir.path()).unwrap();
    }
}
