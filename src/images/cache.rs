//! The image cache under the site: `.qiao-cache/images/`, shared by `build` and
//! `serve` and by every run, so that an image is decoded and encoded once for as
//! long as its bytes and the settings stay the same.
//!
//! Layout (`v1/`): `meta/<key>.json` says what an image became (its size, format
//! and variant widths), `files/<key>-<width>.<ext>` holds each variant's bytes,
//! and `index.json` remembers, for every site path seen, the source's size,
//! modification time and key and what its entry says, so that a rebuild reads one
//! small file instead of two per image and need not read and hash a photo it has
//! seen. The key is the BLAKE3 hash of the settings and the source's bytes; the
//! variants' published names carry its first ten hex digits, so hosts may cache
//! them forever. `originals/` does the same for a JPEG, PNG or WebP of `static/`
//! as it is published at its own path (without metadata, turned upright):
//! `originals/<key>.<ext>`, remembered by site path in the index too. The index
//! is only a shortcut: without it (deleted, or an entry lost when a `build` and a
//! `serve` wrote it at once) a source is read and hashed again, and found by its
//! key.
//!
//! The build links these files into the output ([`crate::output::OutputFile::kept`])
//! instead of copying them, so a rebuild with the same images reads none of
//! them. A file here is therefore never changed in place: a new version is
//! written under a temporary name and renamed over the old one (a new file; the
//! output of an earlier build keeps the old one), the meta file last, so a
//! `build` and a `serve` at the same time never see half an entry. And each
//! entry records the size and modification time of its files as written: a file
//! that differs (someone edited a published copy in place, which is the same file)
//! is made again, never handed out. That check is made once per build, when a file
//! is published ([`Cache::publish`], [`Cache::original`]), against the copy the
//! previous build published at the same path first: when that is the cache's file
//! as written, the build carries it over ([`crate::output::OutputFile::carried`]).
//! Deleting the folder is always safe.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::encode::{self, Raster};
use super::{Format, Image, ImageError, QUALITY, Variant, WIDTHS};
use super::{decode, strip};
use crate::urls;

/// The cache folder, relative to the site root.
pub(crate) const FOLDER: &str = ".qiao-cache";

/// What a key covers besides the bytes: change it when an output would change.
fn settings() -> String {
    format!("qiao-images v1 widths {WIDTHS:?} quality {QUALITY} catmull-rom libwebp")
}

/// What the published copy of a file of `static/` covers besides its bytes.
fn original_settings(format: Format) -> String {
    format!("qiao-originals v1 {} upright quality {QUALITY}", format.name())
}

/// What `meta/<key>.json` holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Meta {
    width: u32,
    height: u32,
    format: Format,
    /// Width, height and format of each variant.
    variants: Vec<(u32, u32, Format)>,
    /// Each variant's file as written ([`Stamp`]).
    stamps: Vec<Stamp>,
}

/// A file's size and modification time (nanoseconds since 1970): what tells
/// whether it changed, without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp(u64, u64);

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let stat = std::fs::metadata(path).ok()?;
        Some(Self::of_metadata(&stat))
    }

    /// A file the previous build published (a file, never a link to one).
    fn of_published(path: &Path) -> Option<Stamp> {
        let stat = std::fs::symlink_metadata(path).ok()?;
        stat.is_file().then(|| Self::of_metadata(&stat))
    }

    fn of_metadata(stat: &std::fs::Metadata) -> Stamp {
        let mtime = stat
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Stamp(stat.len(), mtime)
    }

    /// As `<key>.stamp` has it: `<size>.<mtime>`.
    fn text(self) -> String {
        format!("{}.{}", self.0, self.1)
    }

    fn parse(text: &str) -> Option<Stamp> {
        let (len, mtime) = text.split_once('.')?;
        Some(Stamp(len.parse().ok()?, mtime.parse().ok()?))
    }
}

/// What `index.json` holds: by site path, the source as last seen and what it
/// became.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    #[serde(default)]
    images: HashMap<String, Seen>,
    #[serde(default)]
    originals: HashMap<String, SeenOriginal>,
}

/// The index as [`Cache::knows`] reads it: the named images' sources only.
#[derive(Deserialize)]
struct Sources {
    #[serde(default)]
    images: HashMap<String, Source>,
}

#[derive(Deserialize)]
struct Source {
    source: Stamp,
}

/// A named image: its source's stamp, its key and its entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Seen {
    source: Stamp,
    key: String,
    meta: Meta,
}

/// A file of `static/` published at its own path: its source's stamp, its key
/// and the published copy's stamp as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SeenOriginal {
    source: Stamp,
    key: String,
    kept: Stamp,
}

/// A named image as the cache has it: what it became ([`Entry::image`]), and how
/// its variants' files were written, for [`Cache::publish`].
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) image: Arc<Image>,
    site_path: String,
    source: PathBuf,
    key: String,
    stamps: Vec<Stamp>,
}

impl Entry {
    /// The image's path on the site.
    pub(crate) fn site_path(&self) -> &str {
        &self.site_path
    }
}

/// One file to publish: where the cache keeps it, and whether the previous build
/// published this very file, intact, at the same path.
#[derive(Debug)]
pub(crate) struct Published {
    pub(crate) path: String,
    pub(crate) file: PathBuf,
    pub(crate) carried: bool,
}

/// The cache of one site.
pub(crate) struct Cache {
    dir: PathBuf,
    /// `index.json`, read at the first lookup.
    index: OnceLock<Mutex<Index>>,
    /// The files of the previous build's `_img/`, by name ([`Cache::published`]).
    published: OnceLock<HashMap<std::ffi::OsString, Stamp>>,
    /// Its sources' stamps only ([`Cache::knows`]).
    sources: OnceLock<HashMap<String, Source>>,
    /// Whether the index has entries `index.json` lacks.
    changed: AtomicBool,
}

impl Cache {
    pub(crate) fn new(root: &Path) -> Self {
        Self {
            dir: root.join(FOLDER).join("images").join("v1"),
            index: OnceLock::new(),
            sources: OnceLock::new(),
            published: OnceLock::new(),
            changed: AtomicBool::new(false),
        }
    }

    /// The key of a source's bytes.
    fn key(bytes: &[u8]) -> String {
        Self::key_with(&settings(), bytes)
    }

    fn key_with(settings: &str, bytes: &[u8]) -> String {
        let mut h = blake3::Hasher::new();
        h.update(settings.as_bytes());
        h.update(&[0]);
        h.update(bytes);
        h.finalize().to_hex()[..32].to_owned()
    }

    fn index(&self) -> std::sync::MutexGuard<'_, Index> {
        let index = self.index.get_or_init(|| Mutex::new(self.read_index().unwrap_or_default()));
        index.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn read_index(&self) -> Option<Index> {
        let bytes = std::fs::read(self.dir.join("index.json")).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes `index.json` if this cache learnt something since it read it: what
    /// the file has now (another build's or `serve`'s), with this one's entries
    /// over it. A cache that cannot be written only costs time.
    pub(crate) fn save(&self) {
        if !self.changed.swap(false, Ordering::Relaxed) {
            return;
        }
        let index = self.index();
        let mut merged = self.read_index().unwrap_or_default();
        merged.images.extend(index.images.iter().map(|(k, v)| (k.clone(), v.clone())));
        merged.originals.extend(index.originals.iter().map(|(k, v)| (k.clone(), v.clone())));
        drop(index);
        if let Ok(json) = serde_json::to_vec(&merged) {
            let _ = self.put(&self.dir.join("index.json"), &json);
        }
        // The memo files of each path that the index replaces (qiao 0.1's layout).
        for old in [self.dir.join("paths"), self.dir.join("originals").join("paths")] {
            let _ = std::fs::remove_dir_all(old);
        }
    }

    /// The image at `source` (named `site_path` on the site), from the cache or
    /// processed and then cached. Its files are checked when they are published
    /// ([`Cache::publish`]), not here.
    pub(crate) fn image(&self, site_path: &str, source: &Path) -> Result<Entry, ImageError> {
        let stat = std::fs::metadata(source).map_err(|e| ImageError::Io(e.to_string()))?;
        let stamp = Stamp::of_metadata(&stat);
        let entry = |key: &str, meta: &Meta| Entry {
            image: Arc::new(image_of(site_path, key, meta)),
            site_path: site_path.to_owned(),
            source: source.to_owned(),
            key: key.to_owned(),
            stamps: meta.stamps.clone(),
        };
        // Seen before, unchanged: no need to read the photo.
        if let Some(seen) = self.index().images.get(site_path)
            && seen.source == stamp
        {
            return Ok(entry(&seen.key, &seen.meta));
        }
        let bytes = std::fs::read(source).map_err(|e| ImageError::Io(e.to_string()))?;
        let key = Self::key(&bytes);
        let meta = match self.meta(&key) {
            Some(meta) => meta,
            None => self.make(site_path, &key, &bytes)?,
        };
        let made = entry(&key, &meta);
        self.remember(site_path, Seen { source: stamp, key, meta });
        Ok(made)
    }

    /// Whether the image at `source` (named `site_path`) was processed before and
    /// is unchanged since (its size and modification time): then it can be
    /// published, and [`Cache::image`] has its entry.
    /// Reads only the sources' stamps of the index (what each became is skipped,
    /// not parsed), unless the whole index is read already.
    pub(crate) fn knows(&self, site_path: &str, source: &Path) -> bool {
        let Ok(stat) = std::fs::metadata(source) else { return false };
        let stamp = Stamp::of_metadata(&stat);
        if self.index.get().is_some() {
            return self.index().images.get(site_path).is_some_and(|seen| seen.source == stamp);
        }
        let sources = self.sources.get_or_init(|| {
            let bytes = std::fs::read(self.dir.join("index.json")).unwrap_or_default();
            serde_json::from_slice::<Sources>(&bytes).map(|s| s.images).unwrap_or_default()
        });
        sources.get(site_path).is_some_and(|seen| seen.source == stamp)
    }

    fn remember(&self, site_path: &str, seen: Seen) {
        self.index().images.insert(site_path.to_owned(), seen);
        self.changed.store(true, Ordering::Relaxed);
    }

    /// The entry of `key`, if there is one.
    fn meta(&self, key: &str) -> Option<Meta> {
        let text = std::fs::read(self.dir.join("meta").join(format!("{key}.json"))).ok()?;
        let meta: Meta = serde_json::from_slice(&text).ok()?;
        (meta.variants.len() == meta.stamps.len()).then_some(meta)
    }

    /// Decodes, resizes and encodes, and stores the result under `key`.
    fn make(&self, site_path: &str, key: &str, bytes: &[u8]) -> Result<Meta, ImageError> {
        let decoded = decode::decode(bytes)?;
        let (width, height) = (decoded.image.width(), decoded.image.height());
        let format = decoded.format;
        let encoded = encode::variants(&decoded)?;
        drop(decoded);
        let mut meta = Meta {
            width,
            height,
            format,
            variants: encoded.iter().map(|e| (e.width, e.height, e.format)).collect(),
            stamps: Vec::new(),
        };
        let image = image_of(site_path, key, &meta);
        let stored = (|| -> std::io::Result<()> {
            for (e, v) in encoded.iter().zip(&image.variants) {
                meta.stamps.push(self.put(&self.file(&v.path), &e.bytes)?);
            }
            let json = serde_json::to_vec(&meta).map_err(std::io::Error::other)?;
            self.put(&self.dir.join("meta").join(format!("{key}.json")), &json).map(|_| ())
        })();
        stored.map_err(|e| ImageError::Io(format!("{}: {e}", self.dir.display())))?;
        Ok(meta)
    }

    /// The files of `entry`'s variants to publish, each checked against its size
    /// and modification time as written: first the copy the previous build
    /// published at the same path (in `previous`, the output folder a build
    /// replaces), which is the cache's file when it is intact (carried over), then
    /// the cache's file. When one differs (edited in place), the image is made
    /// again from its source.
    pub(crate) fn publish(
        &self,
        entry: &Entry,
        previous: Option<&Path>,
    ) -> Result<Vec<Published>, ImageError> {
        let mut files = Vec::with_capacity(entry.stamps.len());
        for (v, stamp) in entry.image.variants.iter().zip(&entry.stamps) {
            let file = self.file(&v.path);
            let carried = previous.is_some_and(|p| self.published(p, &v.path) == Some(*stamp));
            if !carried && Stamp::of(&file) != Some(*stamp) {
                return self.remake(entry);
            }
            files.push(Published { path: v.path.clone(), file, carried });
        }
        Ok(files)
    }

    /// The stamp of the variant the previous build (in `previous`) published at
    /// `path` (`_img/<name>`). The folder is read once, its files' stamps taken
    /// by name from it (cheaper than looking each path up from the root); a
    /// folder that is a link to another is not read.
    fn published(&self, previous: &Path, path: &str) -> Option<Stamp> {
        let folder = self.published.get_or_init(|| {
            let dir = previous.join(urls::IMAGES);
            let real = std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir());
            let Some(entries) = real.then(|| std::fs::read_dir(&dir).ok()).flatten() else {
                return HashMap::new();
            };
            let stamp = |e: &std::fs::DirEntry| {
                let stat = e.metadata().ok()?;
                stat.is_file().then(|| (e.file_name(), Stamp::of_metadata(&stat)))
            };
            let entries: Vec<std::fs::DirEntry> = entries.flatten().collect();
            entries.par_iter().filter_map(stamp).collect()
        });
        let name = path.strip_prefix(urls::IMAGES)?;
        folder.get(std::ffi::OsStr::new(name)).copied()
    }

    /// [`Cache::publish`] for an image whose files are not as written: made again.
    fn remake(&self, entry: &Entry) -> Result<Vec<Published>, ImageError> {
        let bytes = std::fs::read(&entry.source).map_err(|e| ImageError::Io(e.to_string()))?;
        let stamp = Stamp::of(&entry.source);
        let key = Self::key(&bytes);
        if key != entry.key {
            // Changed since the pages named its variants.
            let changed = format!("{} changed during the build", entry.source.display());
            return Err(ImageError::Io(changed));
        }
        let meta = self.make(&entry.site_path, &key, &bytes)?;
        let image = image_of(&entry.site_path, &key, &meta);
        if let Some(source) = stamp {
            self.remember(&entry.site_path, Seen { source, key, meta });
        }
        let files = image.variants.into_iter().map(|v| Published {
            file: self.file(&v.path),
            path: v.path,
            carried: false,
        });
        Ok(files.collect())
    }

    /// Where the variant published at `path` (`_img/x-<key>-640.webp`) is kept:
    /// by the part of its name after the stem, which is the key's.
    pub(crate) fn file(&self, path: &str) -> PathBuf {
        let name = path.rsplit('/').next().unwrap_or(path);
        let tail = urls::image_variant_tail(name);
        self.dir.join("files").join(tail)
    }

    /// A photo turned upright by its EXIF orientation and encoded again at its
    /// full size, without metadata: for a JPEG copied from `static/`.
    pub(crate) fn upright(&self, bytes: &[u8]) -> Result<Vec<u8>, ImageError> {
        let key = Self::key(bytes);
        let file = self.dir.join("upright").join(format!("{key}.jpg"));
        if let Ok(b) = std::fs::read(&file) {
            return Ok(b);
        }
        let out = turn(bytes)?;
        let _ = self.put(&file, &out);
        Ok(out)
    }

    /// The file of `static/` at `source` (named `site_path` on the site) as it is
    /// published: without its metadata and turned upright ([`strip::publish`]), a
    /// file of the cache. An unchanged source (its size and modification time as
    /// the last time) is not read. Carried over when the previous build published
    /// this very file at `site_path` in `previous` ([`Cache::publish`]).
    pub(crate) fn original(
        &self,
        site_path: &str,
        source: &Path,
        format: Format,
        previous: Option<&Path>,
    ) -> Result<Published, ImageError> {
        let stat = std::fs::metadata(source).map_err(|e| ImageError::Io(e.to_string()))?;
        let stamp = Stamp::of_metadata(&stat);
        let dir = self.dir.join("originals");
        let file = |key: &str| dir.join(format!("{key}.{}", format.extension()));
        let published = |file, carried| Published { path: site_path.to_owned(), file, carried };
        let seen = self.index().originals.get(site_path).cloned();
        if let Some(seen) = seen
            && seen.source == stamp
        {
            if previous.is_some_and(|p| Stamp::of_published(&p.join(site_path)) == Some(seen.kept))
            {
                return Ok(published(file(&seen.key), true));
            }
            if Stamp::of(&file(&seen.key)) == Some(seen.kept) {
                return Ok(published(file(&seen.key), false));
            }
        }
        let bytes = std::fs::read(source).map_err(|e| ImageError::Io(e.to_string()))?;
        let key = Self::key_with(&original_settings(format), &bytes);
        let at = file(&key);
        // Made before (the same bytes at another path, or the source touched), and
        // intact: `<key>.stamp` says how it was written.
        let recorded = dir.join(format!("{key}.stamp"));
        let kept = match (std::fs::read_to_string(&recorded), Stamp::of(&at)) {
            (Ok(text), Some(now)) if Stamp::parse(&text) == Some(now) => now,
            _ => {
                let made =
                    if format == Format::Jpeg && decode::needs_turning(&bytes).unwrap_or(false) {
                        turn(&bytes)?
                    } else {
                        strip::strip(format, &bytes)?
                    };
                drop(bytes);
                let kept = self
                    .put(&at, &made)
                    .map_err(|e| ImageError::Io(format!("{}: {e}", self.dir.display())))?;
                let _ = self.put(&recorded, kept.text().as_bytes());
                kept
            }
        };
        self.index()
            .originals
            .insert(site_path.to_owned(), SeenOriginal { source: stamp, key, kept });
        self.changed.store(true, Ordering::Relaxed);
        Ok(published(at, false))
    }

    /// Writes `bytes` to `path` under a temporary name, then renames it; returns
    /// the file's [`Stamp`].
    fn put(&self, path: &Path, bytes: &[u8]) -> std::io::Result<Stamp> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension(format!(
            "tmp{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        let stamp = Stamp::of_metadata(&f.metadata()?);
        drop(f);
        std::fs::rename(&tmp, path)?;
        Ok(stamp)
    }
}

/// A photo turned upright by its EXIF orientation and encoded again at its full
/// size, without metadata.
fn turn(bytes: &[u8]) -> Result<Vec<u8>, ImageError> {
    let decoded = decode::decode(bytes)?;
    Raster::of(&decoded).encode(Format::Jpeg)
}

/// The image an entry describes, its variants named for `site_path`.
fn image_of(site_path: &str, key: &str, meta: &Meta) -> Image {
    let variants = meta
        .variants
        .iter()
        .map(|&(width, height, format)| Variant {
            path: urls::image_variant(site_path, &key[..10], width, format.extension()),
            width,
            height,
            format,
        })
        .collect();
    Image { width: meta.width, height: meta.height, format: meta.format, variants }
}
