//! The only code that writes the built site to disk. A build is written into a
//! fresh folder beside the output and swapped in only when every file is written,
//! so a failed, interrupted or out-of-space build never leaves a half-written site
//! in place of the last good one. A folder is replaced only if qiao wrote it (it
//! holds the marker file), and never if it is the site root, `content/`, another
//! source folder or an ancestor of the root.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, bail};
use rayon::prelude::*;

use crate::diagnostics::Failure;
use crate::output::OutputFile;

/// The file that marks a folder as qiao's output.
pub(crate) const MARKER: &str = ".qiao-output";

/// Why the output folder may not be used, if it may not.
pub(crate) fn check_output_dir(root: &Path, output: &Path) -> anyhow::Result<()> {
    let root_abs = absolute(root)?;
    let out_abs = absolute(output)?;
    let refuse = |id| Err(Failure::new(id).arg("dir", output.display().to_string()).into());
    if out_abs.parent().is_none() {
        return refuse("io-output-is-root");
    }
    if root_abs.starts_with(&out_abs) {
        return refuse("io-output-holds-sources");
    }
    for source in ["content", "static", "templates", "themes", "site.toml"] {
        if out_abs.starts_with(root_abs.join(source)) {
            let f = Failure::new("io-output-inside-source").arg("source", source);
            return Err(f.arg("dir", output.display().to_string()).into());
        }
    }
    if out_abs.exists() {
        if !out_abs.is_dir() {
            return refuse("io-output-not-folder");
        }
        let mut entries = fs::read_dir(&out_abs).map_err(|e| {
            Failure::new("io-cannot-read-folder").arg("path", output.display().to_string()).io(e)
        })?;
        if entries.next().is_some() && !out_abs.join(MARKER).is_file() {
            let f = Failure::new("io-output-foreign").arg("marker", MARKER);
            return Err(f.arg("dir", output.display().to_string()).into());
        }
    }
    Ok(())
}

/// An absolute, lexically normalized path (symlinks in existing parents resolved).
fn absolute(p: &Path) -> anyhow::Result<PathBuf> {
    let joined = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir()?.join(p) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks in the longest existing prefix, so a link cannot disguise the root.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => {
                rest.push(name.to_owned());
                existing.pop();
            }
            None => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Whether a relative output path stays inside the output folder.
fn is_safe_rel(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// A new build being written beside the output folder. Files go in as they are
/// produced; [`Staging::commit`] swaps the folder into place. Dropped without a
/// commit (an error, a panic), the staging folder is removed and the previous
/// build stays as it was.
pub(crate) struct Staging {
    dir: PathBuf,
    output: PathBuf,
    old: PathBuf,
    committed: bool,
    /// The files of qiao's cache ([`OutputFile::kept`]), by path: put in at the
    /// swap, where those the previous build published intact are carried over.
    kept: Mutex<BTreeMap<String, Kept>>,
}

/// A file of the cache to put in the staging folder.
#[derive(Debug)]
struct Kept {
    file: PathBuf,
    /// The previous build's copy at the same path is this file, intact
    /// ([`OutputFile::carried`]).
    carried: bool,
}

impl Staging {
    /// Checks `output` and creates the hidden staging folder beside it.
    pub(crate) fn create(root: &Path, output: &Path) -> anyhow::Result<Self> {
        check_output_dir(root, output)?;
        let out_abs = absolute(output)?;
        let parent = out_abs.parent().context("output folder has no parent")?.to_path_buf();
        let name = out_abs
            .file_name()
            .context("output folder has no name")?
            .to_string_lossy()
            .into_owned();
        fs::create_dir_all(&parent).map_err(|e| cannot("io-cannot-create", &parent, e))?;
        remove_stale(&parent, &name);
        let dir = parent.join(format!(".{name}.qiao-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.qiao-old-{}", std::process::id()));
        fs::create_dir_all(&dir).map_err(|e| cannot("io-cannot-create", &dir, e))?;
        let staging =
            Staging { dir, output: out_abs, old, committed: false, kept: Mutex::default() };
        let marker = staging.dir.join(MARKER);
        fs::write(&marker, "This folder was written by qiao and is replaced on every build.\n")
            .map_err(|e| cannot("io-cannot-write", &marker, e))?;
        Ok(staging)
    }

    /// The output folder this build replaces (absolute).
    pub(crate) fn output(&self) -> &Path {
        &self.output
    }

    /// Writes one file (a later file of the same path replaces an earlier one). A
    /// file of the cache is put in at the swap ([`Staging::commit`]).
    pub(crate) fn write(&self, file: &OutputFile) -> anyhow::Result<()> {
        if !is_safe_rel(&file.path) {
            bail!("internal error: output path `{}` would leave the output folder", file.path);
        }
        {
            let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            match &file.kept {
                Some(f) => {
                    let carried = file.carried;
                    kept.insert(file.path.clone(), Kept { file: f.clone(), carried });
                    return Ok(());
                }
                None => kept.remove(&file.path),
            };
        }
        let path = self.dir.join(&file.path);
        let parent = path.parent().unwrap_or(&self.dir);
        fs::create_dir_all(parent).map_err(|e| cannot("io-cannot-create", parent, e))?;
        // A new file, never one written before at this path (which may be a link
        // to the cache, and must not be written through).
        let create = || fs::File::options().write(true).create_new(true).open(&path);
        let out = match create() {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                fs::remove_file(&path).and_then(|()| create())
            }
            other => other,
        };
        let mut out = out.map_err(|e| cannot("io-cannot-write", &path, e))?;
        out.write_all(&file.bytes).map_err(|e| cannot("io-cannot-write", &path, e).into())
    }

    /// Reads back a file written to the new build (to precompress it, or to
    /// compare it with the previous build).
    pub(crate) fn read(&self, path: &str) -> anyhow::Result<Vec<u8>> {
        if !is_safe_rel(path) {
            bail!("internal error: output path `{path}` would leave the output folder");
        }
        let path = self.dir.join(path);
        fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
    }

    /// Puts the files of the cache in, swaps the new build into place and removes
    /// the previous one.
    ///
    /// A folder where the previous build published files this one carries over,
    /// and where this build wrote nothing else (`_img/`: thousands of variants with
    /// hashed names), is moved over whole from the previous build: one rename
    /// instead of a link for each file now and a removal for each at the end.
    /// That happens once the previous build is moved aside, just before the new one
    /// takes its place, with the few new files of that folder linked in; what the
    /// folder holds that this build does not publish is removed after the swap
    /// ([`prune`]). Every other file of the cache is linked before, from the
    /// previous build when carried over (the same file), else from the cache.
    pub(crate) fn commit(mut self) -> anyhow::Result<()> {
        let kept = std::mem::take(self.kept.get_mut().unwrap_or_else(|e| e.into_inner()));
        let whole = self.whole_folders(&kept);
        let moved = |path: &str| whole.contains(parent_of(path));
        // Before: the files not in a folder moved whole, in parallel.
        let before: Vec<(&String, &Kept)> = kept.iter().filter(|(p, _)| !moved(p)).collect();
        let folders: BTreeSet<&str> = before.iter().map(|(p, _)| parent_of(p)).collect();
        for dir in folders {
            let at = self.dir.join(dir);
            fs::create_dir_all(&at).map_err(|e| cannot("io-cannot-create", &at, e))?;
        }
        before.par_iter().try_for_each(|(path, k)| self.put(&self.output, path, k))?;
        let previous = self.output.exists();
        if previous {
            fs::rename(&self.output, &self.old).map_err(|e| moving(&self.output, &self.old, e))?;
        }
        let mut done = Vec::new();
        let carried = self.move_whole(&whole, &kept, &mut done);
        let swapped = carried.and_then(|()| {
            fs::rename(&self.dir, &self.output)
                .map_err(|e| moving(&self.dir, &self.output, e).into())
        });
        if let Err(e) = swapped {
            // The previous build back as it was.
            for dir in &done {
                let _ = fs::rename(self.dir.join(dir), self.old.join(dir));
            }
            if self.old.exists() {
                let _ = fs::rename(&self.old, &self.output);
            }
            return Err(e);
        }
        self.committed = true;
        for dir in &whole {
            prune(&self.output.join(dir), dir, &kept)?;
        }
        if self.old.exists() {
            fs::remove_dir_all(&self.old).map_err(|e| cannot("io-cannot-remove", &self.old, e))?;
        }
        Ok(())
    }

    /// The folders to move over whole from the previous build (see
    /// [`Staging::commit`]): each holds a file carried over, nothing this build
    /// wrote, and no folder with a file of the cache further down (which the prune
    /// would remove); it is a folder of the previous build, and so is every folder
    /// on the way (no link to one elsewhere).
    fn whole_folders(&self, kept: &BTreeMap<String, Kept>) -> BTreeSet<String> {
        let folders: BTreeSet<&str> = kept.keys().map(|p| parent_of(p)).collect();
        let below = |dir: &str| {
            folders.iter().any(|f| {
                f.len() > dir.len() && f.starts_with(dir) && f.as_bytes()[dir.len()] == b'/'
            })
        };
        let carried: BTreeSet<&str> =
            kept.iter().filter(|(_, k)| k.carried).map(|(p, _)| parent_of(p)).collect();
        carried
            .into_iter()
            .filter(|dir| {
                !dir.is_empty()
                    && !below(dir)
                    && !self.dir.join(dir).exists()
                    && real_folder(&self.output, dir)
            })
            .map(str::to_owned)
            .collect()
    }

    /// Moves the folders `whole` from the previous build (aside at `self.old`)
    /// into the staging folder, and links in the files of the cache they lack;
    /// `done` gets the folders moved.
    fn move_whole(
        &self,
        whole: &BTreeSet<String>,
        kept: &BTreeMap<String, Kept>,
        done: &mut Vec<String>,
    ) -> anyhow::Result<()> {
        for dir in whole {
            let (from, to) = (self.old.join(dir), self.dir.join(dir));
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(|e| cannot("io-cannot-create", parent, e))?;
            }
            fs::rename(&from, &to).map_err(|e| moving(&from, &to, e))?;
            done.push(dir.clone());
        }
        for (path, k) in kept {
            if !k.carried && whole.contains(parent_of(path)) {
                self.put(&self.old, path, k)?;
            }
        }
        Ok(())
    }

    /// Puts the file of the cache `k` at `path` in the staging folder: linked
    /// from the previous build (in `previous`) when carried over, else from the
    /// cache (or copied); it replaces a file of the same path.
    fn put(&self, previous: &Path, path: &str, k: &Kept) -> anyhow::Result<()> {
        let to = self.dir.join(path);
        let linked = if k.carried {
            replacing(&to, || fs::hard_link(previous.join(path), &to))
                .or_else(|_| link_or_copy(&k.file, &to))
        } else {
            link_or_copy(&k.file, &to)
        };
        linked.map_err(|e| cannot("io-cannot-write", &to, e).into())
    }
}

/// Runs `make` (which creates `path`), again after removing what is there if
/// `path` exists.
fn replacing(path: &Path, make: impl Fn() -> std::io::Result<()>) -> std::io::Result<()> {
    match make() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            fs::remove_file(path).and_then(|()| make())
        }
        other => other,
    }
}

/// The folder part of an output path (`_img` of `_img/a.webp`, `` of `a.jpg`).
fn parent_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Whether `dir` (relative) is a folder under `base` and so is every folder on
/// the way, none of them a symbolic link.
fn real_folder(base: &Path, dir: &str) -> bool {
    let mut at = base.to_path_buf();
    dir.split('/').all(|part| {
        at.push(part);
        fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir())
    })
}

/// Removes from `folder` (the output's `dir`, moved over from the previous
/// build) everything this build does not publish there: the variants of images
/// no page shows any more.
fn prune(folder: &Path, dir: &str, kept: &BTreeMap<String, Kept>) -> anyhow::Result<()> {
    let entries = fs::read_dir(folder).map_err(|e| cannot("io-cannot-read-folder", folder, e))?;
    let mut path = format!("{dir}/");
    for entry in entries {
        let entry = entry.map_err(|e| cannot("io-cannot-read-folder", folder, e))?;
        let name = entry.file_name();
        path.truncate(dir.len() + 1);
        path.push_str(&name.to_string_lossy());
        if kept.contains_key(&path) {
            continue;
        }
        let gone = match entry.file_type() {
            Ok(t) if t.is_dir() => fs::remove_dir_all(entry.path()),
            _ => fs::remove_file(entry.path()),
        };
        gone.map_err(|e| cannot("io-cannot-remove", &entry.path(), e))?;
    }
    Ok(())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Puts the cache's file `kept` at `path`: a hard link (no byte is read or
/// written, and the output takes no more room), or a copy where linking fails (the
/// output on another file system, or one without hard links). The cache never
/// changes a file in place, and checks that no one else did before it hands one
/// out again (`images::cache`), so a published file that someone edits in place
/// does not go on into later builds. See ARCHITECTURE.md, "Images".
fn link_or_copy(kept: &Path, path: &Path) -> std::io::Result<()> {
    // A later file of the same path replaces an earlier one.
    let linked = replacing(path, || fs::hard_link(kept, path));
    if linked.is_ok() {
        return Ok(());
    }
    // Never through an earlier file of this path (a copy opens it for writing).
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::copy(kept, path).map(|_| ())
}

/// A file or folder that could not be written, created or removed.
fn cannot(id: &'static str, path: &Path, e: std::io::Error) -> Failure {
    Failure::new(id).arg("path", path.display().to_string()).io(e)
}

fn moving(from: &Path, to: &Path, e: std::io::Error) -> Failure {
    let f = Failure::new("io-cannot-move").arg("from", from.display().to_string());
    f.arg("to", to.display().to_string()).io(e)
}

/// Removes staging folders left by an interrupted build (they carry the marker).
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let ours = file_name.starts_with(&format!(".{name}.qiao-new-"))
            || file_name.starts_with(&format!(".{name}.qiao-old-"));
        if ours && e.path().join(MARKER).is_file() {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `files` as the new content of `output`, replacing the previous build.
    fn write_site(root: &Path, output: &Path, files: &[OutputFile]) -> anyhow::Result<()> {
        let staging = Staging::create(root, output)?;
        files.par_iter().try_for_each(|f| staging.write(f))?;
        staging.commit()
    }

    #[test]
    fn refuses_dangerous_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, &root.join("content")).is_err());
        assert!(check_output_dir(root, Path::new("/")).is_err());
        let foreign = root.join("mine");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("precious.txt"), "x").unwrap();
        assert!(check_output_dir(root, &foreign).is_err());
        assert!(check_output_dir(root, &root.join("public")).is_ok());
    }

    #[test]
    fn swaps_in_a_new_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(dir.path(), &out, &[OutputFile::new("a/index.html", "one")]).unwrap();
        write_site(dir.path(), &out, &[OutputFile::new("b.txt", "two")]).unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(fs::read_to_string(out.join("b.txt")).unwrap(), "two");
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> =
            fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    fn ino(path: &Path) -> u64 {
        std::os::unix::fs::MetadataExt::ino(&fs::symlink_metadata(path).unwrap())
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .flatten()
            .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        names.sort();
        names
    }

    /// A folder of files standing for the cache's.
    fn cache(dir: &Path, names: &[&str]) -> PathBuf {
        let cache = dir.join("cache");
        fs::create_dir_all(&cache).unwrap();
        for n in names {
            fs::write(cache.join(n), format!("bytes of {n}")).unwrap();
        }
        cache
    }

    #[test]
    fn a_folder_of_carried_files_is_moved_over_whole_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path(), dir.path().join("public"));
        let cache = cache(root, &["a", "b", "c", "d"]);
        let kept = |p: &str, n: &str| OutputFile::kept(p, cache.join(n));
        let carried = |p: &str, n: &str| OutputFile::carried(p, cache.join(n));
        write_site(root, &out, &[kept("_img/a", "a"), kept("_img/b", "b"), kept("x/d", "d")])
            .unwrap();
        fs::write(out.join("_img/stray"), "no build made this").unwrap();
        fs::create_dir_all(out.join("_img/deeper")).unwrap();
        let folder = ino(&out.join("_img"));
        let files = [carried("_img/a", "a"), kept("_img/c", "c"), OutputFile::new("i.html", "i")];
        write_site(root, &out, &files).unwrap();
        assert_eq!(ino(&out.join("_img")), folder, "the folder moved over");
        assert_eq!(names(&out), [MARKER, "_img", "_img/a", "_img/c", "i.html"]);
        assert_eq!(ino(&out.join("_img/a")), ino(&cache.join("a")));
        assert_eq!(fs::read_to_string(out.join("_img/c")).unwrap(), "bytes of c");
        let leftovers = fs::read_dir(root).unwrap().count();
        assert_eq!(leftovers, 2, "public and the cache: {:?}", names(root));
    }

    #[test]
    fn a_folder_where_the_build_wrote_a_file_or_that_holds_carried_folders_is_linked_file_by_file()
    {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path(), dir.path().join("public"));
        let cache = cache(root, &["a", "b", "c"]);
        let carried = |p: &str, n: &str| OutputFile::carried(p, cache.join(n));
        let kept = |p: &str, n: &str| OutputFile::kept(p, cache.join(n));
        write_site(root, &out, &[kept("_img/a", "a"), kept("p/b", "b"), kept("p/q/c", "c")])
            .unwrap();
        for stray in ["_img/stray", "p/stray", "p/q/stray"] {
            fs::write(out.join(stray), "no build made this").unwrap();
        }
        let (img, p, q) = (ino(&out.join("_img")), ino(&out.join("p")), ino(&out.join("p/q")));
        let files = [
            carried("_img/a", "a"),
            OutputFile::new("_img/notes.txt", "written"),
            carried("p/b", "b"),
            carried("p/q/c", "c"),
        ];
        write_site(root, &out, &files).unwrap();
        assert_eq!(
            names(&out),
            [MARKER, "_img", "_img/a", "_img/notes.txt", "p", "p/b", "p/q", "p/q/c"]
        );
        assert_ne!(ino(&out.join("_img")), img, "a folder of this build");
        assert_ne!(ino(&out.join("p")), p, "a folder of this build: p/q is carried over");
        assert_eq!(ino(&out.join("p/q")), q, "moved over whole");
        for (path, name) in [("_img/a", "a"), ("p/b", "b"), ("p/q/c", "c")] {
            assert_eq!(ino(&out.join(path)), ino(&cache.join(name)), "{path}");
        }
    }

    #[test]
    fn a_later_file_of_the_same_path_wins_whether_written_or_of_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path(), dir.path().join("public"));
        let cache = cache(root, &["a"]);
        let staging = Staging::create(root, &out).unwrap();
        staging.write(&OutputFile::kept("one", cache.join("a"))).unwrap();
        staging.write(&OutputFile::new("one", "written later")).unwrap();
        staging.write(&OutputFile::new("two", "written first")).unwrap();
        staging.write(&OutputFile::kept("two", cache.join("a"))).unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("one")).unwrap(), "written later");
        assert_eq!(fs::read_to_string(out.join("two")).unwrap(), "bytes of a");
        assert_eq!(
            fs::read_to_string(cache.join("a")).unwrap(),
            "bytes of a",
            "not written through"
        );
    }

    #[test]
    fn rejects_escaping_paths() {
        assert!(!is_safe_rel("../x") && !is_safe_rel("/etc/x") && is_safe_rel("a/b.html"));
    }
}
