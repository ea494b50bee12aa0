//! Bytes to pixels, in bounded memory: the header is read first (format and
//! size) and an image of more than [`MAX_PIXELS`] is refused before its pixels
//! are allocated; the decoder then runs under the image crate's limits, a JPEG cut
//! off before its end is refused (the decoder would fill the rest with grey), and
//! the EXIF orientation is applied, so what follows sees the photo upright.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::{Format, ImageError, MAX_PIXELS};

/// The most bytes a decoder may allocate: the pixels of the largest image allowed,
/// as 8-bit RGBA, and some room for the decoder's own tables.
const MAX_ALLOC: u64 = MAX_PIXELS * 4 + (64 << 20);

/// A decoded, upright image.
pub(crate) struct Decoded {
    pub(crate) image: DynamicImage,
    pub(crate) format: Format,
}

/// A reader of an image in memory.
type Reader<'a> = ImageReader<Cursor<&'a [u8]>>;

/// A reader over `bytes` with the format guessed from its first bytes.
fn reader(bytes: &[u8]) -> Result<(Reader<'_>, Format), ImageError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Io(e.to_string()))?;
    let format = match reader.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png) => Format::Png,
        Some(ImageFormat::WebP) => Format::Webp,
        Some(other) => return Err(ImageError::Unsupported(format!("{other:?}").to_uppercase())),
        None => return Err(sniff_other(bytes)),
    };
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    Ok((reader, format))
}

/// What a file the image crate does not know is: a format it was not built for
/// (GIF, BMP, TIFF, HEIC, AVIF), or no image at all.
fn sniff_other(bytes: &[u8]) -> ImageError {
    let name = if bytes.starts_with(b"GIF8") {
        "GIF"
    } else if bytes.starts_with(b"BM") {
        "BMP"
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        "TIFF"
    } else if bytes.len() > 12 && &bytes[4..8] == b"ftyp" {
        match &bytes[8..12] {
            b"avif" | b"avis" => "AVIF",
            _ => "HEIC",
        }
    } else {
        return ImageError::NotAnImage;
    };
    ImageError::Unsupported(name.to_owned())
}

/// The format and size the header declares (no pixel is decoded).
pub(crate) fn probe(bytes: &[u8]) -> Result<(Format, u32, u32), ImageError> {
    let (reader, format) = reader(bytes)?;
    let (width, height) = reader.into_dimensions().map_err(broken)?;
    check_size(width, height)?;
    Ok((format, width, height))
}

fn check_size(width: u32, height: u32) -> Result<(), ImageError> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooLarge { width, height });
    }
    Ok(())
}

/// Decodes `bytes` and turns the picture upright.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, ImageError> {
    let (_, width, height) = probe(bytes)?;
    let (reader, format) = reader(bytes)?;
    if format == Format::Jpeg && is_cut_off(bytes) {
        return Err(ImageError::Broken("the file ends before the picture does".into()));
    }
    let mut decoder = reader.into_decoder().map_err(broken)?;
    let orientation = decoder.orientation().map_err(broken)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(broken)?;
    if (image.width(), image.height()) != (width, height) {
        return Err(ImageError::Broken("the size in the header does not match".into()));
    }
    image.apply_orientation(orientation);
    Ok(Decoded { image, format })
}

/// The EXIF orientation of a photo, read from its header (no pixel decoded):
/// whether it must be turned to be upright.
pub(crate) fn needs_turning(bytes: &[u8]) -> Result<bool, ImageError> {
    let (reader, _) = reader(bytes)?;
    let mut decoder = reader.into_decoder().map_err(broken)?;
    let orientation = decoder.orientation().map_err(broken)?;
    Ok(orientation != image::metadata::Orientation::NoTransforms)
}

/// Whether a JPEG stops before its end-of-image marker. The compressed data of a
/// JPEG never holds the bytes `FF D9` (an `FF` there is followed by `00` or a
/// restart marker), so a file without them after its first scan is cut off.
fn is_cut_off(bytes: &[u8]) -> bool {
    let Some(scan) = bytes.windows(2).position(|w| w == [0xFF, 0xDA]) else {
        return true;
    };
    !bytes[scan..].windows(2).any(|w| w == [0xFF, 0xD9])
}

fn broken(e: image::ImageError) -> ImageError {
    match e {
        image::ImageError::Limits(_) => ImageError::Broken("it needs too much memory".into()),
        image::ImageError::Unsupported(u) => ImageError::Unsupported(u.to_string()),
        other => ImageError::Broken(other.to_string()),
    }
}
