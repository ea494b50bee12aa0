//! The image cache under the site: `.qiao-cache/images/`, shared by `build` and
//! `serve` and by every run, so that an image is decoded and encoded once for as
//! long as its bytes and the settings stay the same.
//!
//! Layout (`v1/`): `meta/<key>.json` says what an image became (its size, format
//! and variant widths), `files/<key>-<width>.<ext>` holds each variant's bytes,
//! and `paths/<hash of the site path>` remembers a source's size, modification
//! time and key, so that a rebuild need not read and hash a photo it has seen. The
//! key is the BLAKE3 hash of the settings and the source's bytes; the variants'
//! published names carry its first ten hex digits, so hosts may cache them
//! forever. `originals/` does the same for a JPEG, PNG or WebP of `static/` as it
//! is published at its own path (without metadata, turned upright):
//! `originals/<key>.<ext>`, and `originals/paths/` by site path.
//!
//! The build links these files into the output ([`crate::output::OutputFile::kept`])
//! instead of copying them, so a rebuild with the same images reads none of
//! them. A file here is therefore never changed in place: a new version is
//! written under a temporary name and renamed over the old one (a new file; the
//! output of an earlier build keeps the old one), the meta file last, so a
//! `build` and a `serve` at the same time never see half an entry. And each
//! entry records the size and modification time of its files as written: a file
//! that differs (someone edited a published copy in place, which is the same file)
//! is made again, never handed out. Deleting the folder is always safe.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

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
#[derive(Serialize, Deserialize)]
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

    fn of_metadata(stat: &std::fs::Metadata) -> Stamp {
        let mtime = stat
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Stamp(stat.len(), mtime)
    }

    /// As a memo line has it: `<size>.<mtime>`.
    fn text(self) -> String {
        format!("{}.{}", self.0, self.1)
    }

    fn parse(text: &str) -> Option<Stamp> {
        let (len, mtime) = text.split_once('.')?;
        Some(Stamp(len.parse().ok()?, mtime.parse().ok()?))
    }
}

/// The cache of one site.
pub(crate) struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub(crate) fn new(root: &Path) -> Self {
        Self { dir: root.join(FOLDER).join("images").join("v1") }
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

    /// The image at `source` (named `site_path` on the site), from the cache or
    /// processed and then cached.
    pub(crate) fn image(&self, site_path: &str, source: &Path) -> Result<Image, ImageError> {
        let stat = std::fs::metadata(source).map_err(|e| ImageError::Io(e.to_string()))?;
        let stamp = Stamp::of_metadata(&stat).text();
        let memo = self.dir.join("paths").join(memo_name(site_path));
        // Seen before, unchanged: no need to read the photo.
        if let Ok(text) = std::fs::read_to_string(&memo)
            && let Some((seen, key)) = text.split_once(' ')
            && seen == stamp
            && let Some(image) = self.meta(site_path, key)
        {
            return Ok(image);
        }
        let bytes = std::fs::read(source).map_err(|e| ImageError::Io(e.to_string()))?;
        let key = Self::key(&bytes);
        let image = match self.meta(site_path, &key) {
            Some(image) => image,
            None => self.make(site_path, &key, &bytes)?,
        };
        // A cache that cannot be written only costs time.
        let _ = self.put(&memo, format!("{stamp} {key}").as_bytes());
        Ok(image)
    }

    /// The entry of `key`, when it is complete.
    fn meta(&self, site_path: &str, key: &str) -> Option<Image> {
        let text = std::fs::read(self.dir.join("meta").join(format!("{key}.json"))).ok()?;
        let meta: Meta = serde_json::from_slice(&text).ok()?;
        let image = image_of(site_path, key, &meta);
        let intact = image.variants.len() == meta.stamps.len()
            && image
                .variants
                .iter()
                .zip(&meta.stamps)
                .all(|(v, stamp)| Stamp::of(&self.file(&v.path)) == Some(*stamp));
        intact.then_some(image)
    }

    /// Decodes, resizes and encodes, and stores the result under `key`.
    fn make(&self, site_path: &str, key: &str, bytes: &[u8]) -> Result<Image, ImageError> {
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
        Ok(image)
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
    /// the last time) is not read.
    pub(crate) fn original(
        &self,
        site_path: &str,
        source: &Path,
        format: Format,
    ) -> Result<PathBuf, ImageError> {
        let stat = std::fs::metadata(source).map_err(|e| ImageError::Io(e.to_string()))?;
        let stamp = Stamp::of_metadata(&stat).text();
        let dir = self.dir.join("originals");
        let memo = dir.join("paths").join(memo_name(site_path));
        let file = |key: &str| dir.join(format!("{key}.{}", format.extension()));
        // `<source's stamp> <key> <published file's stamp>`.
        if let Ok(text) = std::fs::read_to_string(&memo)
            && let [seen, key, kept] = text.split(' ').collect::<Vec<_>>()[..]
            && seen == stamp
            && Stamp::of(&file(key)).map(Stamp::text).as_deref() == Some(kept)
        {
            return Ok(file(key));
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
        // A cache that cannot be written only costs time.
        let _ = self.put(&memo, format!("{stamp} {key} {}", kept.text()).as_bytes());
        Ok(at)
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

/// The memo file of a site path (`paths/`).
fn memo_name(site_path: &str) -> String {
    blake3::hash(site_path.as_bytes()).to_hex()[..24].to_owned()
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
