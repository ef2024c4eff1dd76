//! Writing an export to a file atomically: a temporary file in the target's
//! directory, then a rename, so a failed export leaves nothing half-written,
//! and an existing file (or symlink) is replaced only when asked.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists; use --force to replace it", crate::present::path(.0))]
    Exists(PathBuf),
    #[error("{} is a directory", crate::present::path(.0))]
    IsDirectory(PathBuf),
    #[error("{} is the model file; detente never writes to it", crate::present::path(.0))]
    IsModel(PathBuf),
    #[error("cannot write {}: {source}", crate::present::path(.path))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Whether `a` and `b` name the same existing file (through links and
/// `..`): detente never writes to the model it read.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `bytes` to `path`. Without `force`, refuses when anything (a file,
/// a symlink, even a dangling one) is already there. With `force`, replaces
/// it — a symlink is replaced, never written through. The new file gets the
/// replaced file's permissions, or 0644.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let existing = fs::symlink_metadata(path).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(WriteError::IsDirectory(path.to_path_buf()));
        }
        if !force {
            return Err(WriteError::Exists(path.to_path_buf()));
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // The temporary file is opened here, with std, rather than by
    // `Builder::tempfile_in`, and written through its `File`: tempfile
    // wraps the errors of its own open and write in a type that names its
    // temporary path, which the user never chose. These errors are the
    // system's, as they are; tempfile only picks the name.
    let mut tmp = tempfile::Builder::new()
        .prefix(".detente-")
        .suffix(".tmp")
        .make_in(dir, |p| {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(p)
        })
        .map_err(io)?;
    tmp.as_file_mut().write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    let mode = existing
        .filter(|m| m.file_type().is_file())
        .map_or(0o644, |m| m.permissions().mode() & 0o7777);
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode)).map_err(io)?;
    if force {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists(path.to_path_buf())
            } else {
                io(e.error)
            }
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .map(|r| {
                r.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.starts_with(".detente-"))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn writes_refuses_and_forces() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("out.txt");
        write_atomic(&p, b"one", false).expect("first write");
        assert_eq!(fs::read(&p).expect("read"), b"one");
        assert_eq!(
            fs::metadata(&p).expect("meta").permissions().mode() & 0o777,
            0o644
        );
        assert!(matches!(
            write_atomic(&p, b"two", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(fs::read(&p).expect("read"), b"one", "original untouched");
        write_atomic(&p, b"three", true).expect("forced");
        assert_eq!(fs::read(&p).expect("read"), b"three");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn never_writes_through_a_symlink() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("target.txt");
        fs::write(&target, "keep").expect("write");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        assert!(matches!(
            write_atomic(&link, b"x", false),
            Err(WriteError::Exists(_))
        ));
        write_atomic(&link, b"x", true).expect("forced");
        assert_eq!(fs::read(&target).expect("read"), b"keep");
        assert!(
            !fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn missing_directory_fails_cleanly() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("no/such/dir/out.txt");
        let err = write_atomic(&p, b"x", false).expect_err("fails");
        assert!(err.to_string().contains("out.txt"), "{err}");
        assert!(
            !err.to_string().contains(".detente-"),
            "no temporary path: {err}"
        );
        assert!(
            err.to_string().contains("No such file or directory"),
            "{err}"
        );
        // The system's own error, its kind and number kept.
        let WriteError::Io { source, .. } = &err else {
            panic!("an I/O error: {err:?}");
        };
        assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        assert_eq!(source.raw_os_error(), Some(2), "{source:?}");
        assert!(matches!(
            write_atomic(dir.path(), b"x", true),
            Err(WriteError::IsDirectory(_))
        ));
    }
}
