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
//! forever. Files are written under a temporary name and renamed, and the meta
//! file last, so a `build` and a `serve` at the same time never see half an entry.
//! Deleting the folder is always safe.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::decode;
use super::encode::{self, Raster};
use super::{Format, Image, ImageError, QUALITY, Variant, WIDTHS};
use crate::urls;

/// The cache folder, relative to the site root.
pub(crate) const FOLDER: &str = ".qiao-cache";

/// What a key covers besides the bytes: change it when an output would change.
fn settings() -> String {
    format!("qiao-images v1 widths {WIDTHS:?} quality {QUALITY} catmull-rom libwebp")
}

/// What `meta/<key>.json` holds.
#[derive(Serialize, Deserialize)]
struct Meta {
    width: u32,
    height: u32,
    format: Format,
    /// Width, height and format of each variant.
    variants: Vec<(u32, u32, Format)>,
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
        let mut h = blake3::Hasher::new();
        h.update(settings().as_bytes());
        h.update(&[0]);
        h.update(bytes);
        h.finalize().to_hex()[..32].to_owned()
    }

    /// The image at `source` (named `site_path` on the site), from the cache or
    /// processed and then cached.
    pub(crate) fn image(&self, site_path: &str, source: &Path) -> Result<Image, ImageError> {
        let stat = std::fs::metadata(source).map_err(|e| ImageError::Io(e.to_string()))?;
        let stamp = format!(
            "{} {}",
            stat.len(),
            stat.modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos())
        );
        let memo = self.dir.join("paths").join(&blake3::hash(site_path.as_bytes()).to_hex()[..24]);
        // Seen before, unchanged: no need to read the photo.
        if let Ok(text) = std::fs::read_to_string(&memo)
            && let Some((seen, key)) = text.rsplit_once(' ')
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
        image.variants.iter().all(|v| self.file(&v.path).is_file()).then_some(image)
    }

    /// Decodes, resizes and encodes, and stores the result under `key`.
    fn make(&self, site_path: &str, key: &str, bytes: &[u8]) -> Result<Image, ImageError> {
        let decoded = decode::decode(bytes)?;
        let (width, height) = (decoded.image.width(), decoded.image.height());
        let format = decoded.format;
        let encoded = encode::variants(&decoded)?;
        drop(decoded);
        let meta = Meta {
            width,
            height,
            format,
            variants: encoded.iter().map(|e| (e.width, e.height, e.format)).collect(),
        };
        let image = image_of(site_path, key, &meta);
        let stored = (|| -> std::io::Result<()> {
            for (e, v) in encoded.iter().zip(&image.variants) {
                self.put(&self.file(&v.path), &e.bytes)?;
            }
            let json = serde_json::to_vec(&meta).map_err(std::io::Error::other)?;
            self.put(&self.dir.join("meta").join(format!("{key}.json")), &json)
        })();
        stored.map_err(|e| ImageError::Io(format!("{}: {e}", self.dir.display())))?;
        Ok(image)
    }

    /// The cached bytes of the variant published at `path`.
    pub(crate) fn variant(&self, path: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.file(path))
    }

    /// Where the variant published at `path` (`_img/x-<key>-640.webp`) is kept:
    /// by the part of its name after the stem, which is the key's.
    fn file(&self, path: &str) -> PathBuf {
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
        let decoded = decode::decode(bytes)?;
        let out = Raster::of(&decoded).encode(Format::Jpeg)?;
        let _ = self.put(&file, &out);
        Ok(out)
    }

    /// Writes `bytes` to `path` under a temporary name, then renames it.
    fn put(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
        drop(f);
        std::fs::rename(&tmp, path)
    }
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
