//! The images an editor names (`cover`, a member's `logo`, a Markdown image that
//! points into `static/`) made fit for a phone, and every image the build
//! publishes made safe to publish.
//!
//! What it is for: one image at a time, from its bytes under `static/` to what
//! the site publishes of it. [`decode`] reads the header first (format and size,
//! refusing more than [`MAX_PIXELS`] before a byte of pixels is allocated), then
//! decodes with the image crate's limits and applies the EXIF orientation;
//! [`encode`] resizes to [`WIDTHS`] (never wider than the original) with
//! fast_image_resize and encodes each width as WebP (libwebp) and in the
//! original's format; [`strip`] removes EXIF, XMP and GPS from a JPEG, PNG or WebP
//! without decoding it (colour profiles stay); [`cache`] keeps every result under
//! the site's `.qiao-cache/images/`, keyed by the source's content and the
//! settings, so a rebuild with the same images decodes nothing. [`Images`] is
//! what the stages above hold: it processes each image once per build (in
//! parallel, rayon) and hands back an [`Image`] with its variants' paths, which
//! come from [`crate::urls::image_variant`].
//!
//! What it is not: the `<img>` markup (that is `render`'s, which knows the page
//! and the base path), nor where an error is shown: an [`ImageError`] becomes a
//! diagnostic at the line that names the image in `content` (covers and logos) or
//! `render` (Markdown images).

pub(crate) mod cache;
pub(crate) mod decode;
pub(crate) mod encode;
pub(crate) mod strip;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Problem};
use crate::output::OutputFile;

/// The widths variants are made at, in CSS pixels of a 1× screen; an image
/// narrower than one of them is not enlarged, and its own width is its largest
/// variant (up to the last of these).
pub(crate) const WIDTHS: [u32; 5] = [320, 640, 960, 1280, 1920];

/// The most pixels an image may decode to (a 10,000 × 10,000 picture); more is
/// refused from the header, before any pixel is allocated.
pub(crate) const MAX_PIXELS: u64 = 100_000_000;

/// The quality of the WebP and JPEG variants (0–100).
pub(crate) const QUALITY: u8 = 80;

/// An image format qiao publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Format {
    /// JPEG (`.jpg`, `.jpeg`).
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    Webp,
}

impl Format {
    /// The file extension of a variant.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// The MIME type, for `<source type>`.
    pub(crate) fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }

    /// The name `site.toml`'s `keep_metadata` uses.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// The format a published file's name says it has (`.jpg`, `.JPEG`, `.png`,
    /// `.webp`), if qiao strips its metadata.
    pub(crate) fn of_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }
}

/// One resized copy of an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Variant {
    /// Its output path (`_img/harbour-3fa2c1d9e0-640.webp`).
    pub(crate) path: String,
    /// Width and height in pixels.
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) format: Format,
}

/// A named image as the site publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Image {
    /// Its width and height after the orientation is applied.
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// The original's format (the fallback variants have it too).
    pub(crate) format: Format,
    /// Every variant, narrowest first, WebP and the original's format at each width.
    pub(crate) variants: Vec<Variant>,
}

impl Image {
    /// The variants of one format, narrowest first.
    pub(crate) fn of_format(&self, format: Format) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| v.format == format)
    }

    /// The widest variant in the original's format no wider than `max` (else the
    /// narrowest): the `src` of an `<img>`, and the social card's image.
    pub(crate) fn fallback(&self, max: u32) -> &Variant {
        let mut of = self.of_format(self.format);
        let first = of.next().unwrap_or(&self.variants[0]);
        self.of_format(self.format).filter(|v| v.width <= max).last().unwrap_or(first)
    }
}

/// Why an image cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ImageError {
    /// The file could not be read.
    Io(String),
    /// The bytes are no image format at all.
    NotAnImage,
    /// An image format qiao does not publish (GIF, BMP, TIFF, HEIC …).
    Unsupported(String),
    /// More pixels than [`MAX_PIXELS`], as the header declares.
    TooLarge { width: u32, height: u32 },
    /// Broken or cut off.
    Broken(String),
}

impl ImageError {
    /// The problem, for a diagnostic at the line that names `path` (a site path).
    pub(crate) fn problem(&self, field: &str, path: &str) -> Problem {
        let p = |code| Problem::new(code).arg("field", field).arg("value", path);
        match self {
            ImageError::Io(e) => p(Code::E0805).arg("error", e.as_str()),
            ImageError::NotAnImage => p(Code::E0801),
            ImageError::Unsupported(format) => p(Code::E0802).arg("format", format.as_str()),
            ImageError::TooLarge { width, height } => p(Code::E0803)
                .arg("width", *width as usize)
                .arg("height", *height as usize)
                .arg("max", (MAX_PIXELS / 1_000_000) as usize),
            ImageError::Broken(e) => p(Code::E0804).arg("error", e.as_str()),
        }
    }
}

/// A file of the cache as the writer takes it.
fn published_file(p: cache::Published) -> OutputFile {
    if p.carried { OutputFile::carried(p.path, p.file) } else { OutputFile::kept(p.path, p.file) }
}

/// Whether `path` (a site path under `static/`) names an image qiao makes variants
/// of: a JPEG, PNG or WebP by its name, or a file of any other name that is not SVG
/// (which is checked, and refused when it is not one of those).
pub(crate) fn is_processed(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    !lower.ends_with(".svg") && !lower.ends_with(".svgz")
}

type Slot = Arc<OnceLock<Result<Arc<cache::Entry>, ImageError>>>;

/// The named images of one build: each processed once (or found in the cache),
/// from any thread. A build makes one and shares it with every language's tree
/// ([`Images::publishing_over`]); each image's variants are handed out once.
pub(crate) struct Images {
    static_dir: PathBuf,
    cache: cache::Cache,
    seen: Mutex<HashMap<String, Slot>>,
    /// The images whose variants [`Images::variant_files`] handed out.
    handed: Mutex<HashSet<String>>,
    /// The file types published with their metadata.
    keep_metadata: Vec<Format>,
    /// The output folder the build replaces, whose intact images it carries over.
    previous: Option<PathBuf>,
}

impl std::fmt::Debug for Images {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Images").field("static_dir", &self.static_dir).finish()
    }
}

impl Images {
    /// The images of the site at `root` (its `static/` and `.qiao-cache/`).
    /// `keep_metadata` names the file types (`jpeg`, `png`, `webp`) published with
    /// their metadata.
    pub(crate) fn new(root: &Path, keep_metadata: &[String]) -> Self {
        let keep_metadata = [Format::Jpeg, Format::Png, Format::Webp]
            .into_iter()
            .filter(|f| keep_metadata.iter().any(|k| k == f.name()))
            .collect();
        Self {
            static_dir: root.join("static"),
            cache: cache::Cache::new(root),
            seen: Mutex::new(HashMap::new()),
            handed: Mutex::new(HashSet::new()),
            keep_metadata,
            previous: None,
        }
    }

    /// The same, for a build that replaces the output folder `previous`: an image
    /// file that folder holds at the path it is published at, and that is still
    /// the cache's file as written (its size and modification time), is handed out
    /// as [`OutputFile::carried`], for the writer to move over rather than link
    /// again.
    pub(crate) fn publishing_over(mut self, previous: Option<&Path>) -> Self {
        self.previous = previous.map(Path::to_path_buf);
        self
    }

    /// The image at `path` (a site path: `images/a.jpg`, no leading `/`), processed
    /// or found in the cache.
    pub(crate) fn get(&self, path: &str) -> Result<Arc<Image>, ImageError> {
        self.entry(path).map(|e| e.image.clone())
    }

    /// Whether the image at `path` can be published, as [`Images::get`] would
    /// say, without making its [`Image`] when the cache knows it unchanged (for
    /// `content::check`, which only reports).
    pub(crate) fn check(&self, path: &str) -> Result<(), ImageError> {
        let path = path.trim_start_matches('/');
        if !path.split('/').any(|s| s == "..")
            && self.cache.knows(path, &self.static_dir.join(path))
        {
            return Ok(());
        }
        self.get(path).map(|_| ())
    }

    fn entry(&self, path: &str) -> Result<Arc<cache::Entry>, ImageError> {
        let path = path.trim_start_matches('/');
        let slot = {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            match seen.get(path) {
                Some(slot) => slot.clone(),
                None => seen.entry(path.to_owned()).or_default().clone(),
            }
        };
        slot.get_or_init(|| self.process(path).map(Arc::new)).clone()
    }

    fn process(&self, path: &str) -> Result<cache::Entry, ImageError> {
        if path.split('/').any(|s| s == "..") {
            return Err(ImageError::Io("outside static/".into()));
        }
        self.cache.image(path, &self.static_dir.join(path))
    }

    /// Every variant of every image [`Images::get`] returned that this store has not
    /// handed out yet, as files of the cache ([`OutputFile::kept`], or
    /// [`OutputFile::carried`]), sorted by path; each checked against its record
    /// once, here (an image whose files were changed is made again). An image that
    /// cannot be made again is an error at its site path. Then the cache's index
    /// is saved.
    pub(crate) fn variant_files(&self) -> Result<Vec<OutputFile>, (String, ImageError)> {
        let entries: Vec<Arc<cache::Entry>> = {
            let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            let mut handed = self.handed.lock().unwrap_or_else(|e| e.into_inner());
            seen.iter()
                .filter_map(|(path, slot)| {
                    let entry = slot.get()?.as_ref().ok()?;
                    handed.insert(path.clone()).then(|| entry.clone())
                })
                .collect()
        };
        // One after the other: lookups in the previous build's folder, read once
        // (in parallel), unless an image must be made again.
        let published: Vec<Vec<cache::Published>> = entries
            .iter()
            .map(|e| {
                let previous = self.previous.as_deref();
                self.cache.publish(e, previous).map_err(|err| (e.site_path().to_owned(), err))
            })
            .collect::<Result<_, _>>()?;
        self.cache.save();
        let mut files: Vec<OutputFile> =
            published.into_iter().flatten().map(published_file).collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
        Ok(files)
    }

    /// Saves the cache's index (what [`Images::variant_files`] does at its end), for
    /// a store that publishes nothing (`content::check`'s).
    pub(crate) fn save(&self) {
        self.cache.save();
    }

    /// Whether a file of `static/` at `path` is published without its metadata
    /// (a JPEG, PNG or WebP by its name, unless the site keeps the metadata of its
    /// type): then [`Images::publish_file`] publishes it, else it is copied as it is.
    pub(crate) fn strips(&self, path: &str) -> bool {
        Format::of_path(path).is_some_and(|f| !self.keep_metadata.contains(&f))
    }

    /// The file of `static/` (or a theme's) at `source`, published at `path`
    /// without its metadata, as a file of the cache ([`cache::Cache::original`]):
    /// a rebuild reads nothing of a file it has seen. Only for a file
    /// [`Images::strips`].
    pub(crate) fn publish_file(&self, path: &str, source: &Path) -> Result<OutputFile, ImageError> {
        let format = Format::of_path(path).ok_or(ImageError::NotAnImage)?;
        let previous = self.previous.as_deref();
        self.cache.original(path, source, format, previous).map(published_file)
    }

    /// A file of `static/` (or the theme's) as it is published: a JPEG, PNG or
    /// WebP without its EXIF, XMP and GPS metadata (a photo turned upright first),
    /// unless the site keeps the metadata of its type; any other file as it is.
    pub(crate) fn publish(&self, path: &str, bytes: Vec<u8>) -> Result<Vec<u8>, ImageError> {
        match Format::of_path(path) {
            Some(format) if !self.keep_metadata.contains(&format) => {
                strip::publish(format, bytes, &self.cache)
            }
            _ => Ok(bytes),
        }
    }
}
