//! Metadata out of a published JPEG, PNG or WebP, without decoding it: the file's
//! segments (JPEG), chunks (PNG) or RIFF chunks (WebP) are walked and those that
//! carry EXIF, XMP, IPTC, comments or text are left out; the picture's own bytes
//! and its colour profile are copied as they are. A photo whose EXIF orientation
//! says it must be turned is decoded, turned and encoded again instead (the flag
//! would go with the EXIF), through the cache.
//!
//! Why not img-parts: it keeps every byte after a JPEG's first scan, and a phone
//! puts a second, smaller JPEG there (the MPF preview) with its own EXIF and GPS;
//! and on a WebP it leaves the XMP flag set after removing the chunk. The walks
//! here stop at the end of the image and are a few dozen lines each.

use super::cache::Cache;
use super::{Format, ImageError};

/// The file as it is published.
pub(crate) fn publish(
    format: Format,
    bytes: Vec<u8>,
    cache: &Cache,
) -> Result<Vec<u8>, ImageError> {
    if format == Format::Jpeg && super::decode::needs_turning(&bytes).unwrap_or(false) {
        return cache.upright(&bytes);
    }
    strip(format, &bytes)
}

/// `bytes` without metadata.
pub(crate) fn strip(format: Format, bytes: &[u8]) -> Result<Vec<u8>, ImageError> {
    match format {
        Format::Jpeg => jpeg(bytes),
        Format::Png => png(bytes),
        Format::Webp => webp(bytes),
    }
}

fn cut_off() -> ImageError {
    ImageError::Broken("the file ends before the picture does".into())
}

/// A JPEG without APP1 (EXIF, XMP), APP3–APP13 (IPTC, vendors' data), APP15 and
/// comments; APP2 only when it is the ICC profile; nothing after the end marker.
fn jpeg(b: &[u8]) -> Result<Vec<u8>, ImageError> {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return Err(ImageError::NotAnImage);
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut i = 2;
    loop {
        // Fill bytes before a marker.
        while b.get(i) == Some(&0xFF) && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if b.get(i) != Some(&0xFF) {
            return Err(ImageError::Broken("a JPEG segment is damaged".into()));
        }
        let marker = *b.get(i + 1).ok_or_else(cut_off)?;
        if marker == 0xD9 {
            out.extend_from_slice(&[0xFF, 0xD9]);
            return Ok(out);
        }
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            out.extend_from_slice(&b[i..i + 2]);
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([
            *b.get(i + 2).ok_or_else(cut_off)?,
            *b.get(i + 3).ok_or_else(cut_off)?,
        ]));
        let end = i + 2 + len;
        if len < 2 || end > b.len() {
            return Err(cut_off());
        }
        let body = &b[i + 4..end];
        let keep = match marker {
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            0xE2 => body.starts_with(b"ICC_PROFILE\0"),
            _ => true,
        };
        if keep {
            out.extend_from_slice(&b[i..end]);
        }
        i = end;
        if marker == 0xDA {
            // The compressed data runs to the next marker that is not a stuffed
            // `FF 00` or a restart marker.
            let start = i;
            loop {
                let Some(at) = b[i..].iter().position(|&x| x == 0xFF) else {
                    return Err(cut_off());
                };
                i += at;
                match b.get(i + 1) {
                    None => return Err(cut_off()),
                    Some(0x00) | Some(0xD0..=0xD7) | Some(0xFF) => i += 1,
                    Some(_) => break,
                }
            }
            out.extend_from_slice(&b[start..i]);
        }
    }
}

/// A PNG without `eXIf`, `tEXt`, `zTXt`, `iTXt` (where XMP lives) and `tIME`;
/// nothing after `IEND`.
fn png(b: &[u8]) -> Result<Vec<u8>, ImageError> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !b.starts_with(SIGNATURE) {
        return Err(ImageError::NotAnImage);
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(SIGNATURE);
    let mut i = SIGNATURE.len();
    loop {
        let head = b.get(i..i + 8).ok_or_else(cut_off)?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind = &head[4..8];
        let end = i.checked_add(12 + len).filter(|&e| e <= b.len()).ok_or_else(cut_off)?;
        if !matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME") {
            out.extend_from_slice(&b[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
}

/// A WebP without its `EXIF` and `XMP ` chunks, and the extended header's flags
/// for them cleared.
fn webp(b: &[u8]) -> Result<Vec<u8>, ImageError> {
    if b.len() < 12 || &b[..4] != b"RIFF" || &b[8..12] != b"WEBP" {
        return Err(ImageError::NotAnImage);
    }
    let riff_end = (u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize + 8).min(b.len());
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..12]);
    let mut i = 12;
    while i + 8 <= riff_end {
        let kind = &b[i..i + 4];
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let end = (i + 8).checked_add(len + (len & 1)).ok_or_else(cut_off)?;
        if end > riff_end + (len & 1) {
            return Err(cut_off());
        }
        let end = end.min(b.len());
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" if len >= 1 => {
                let at = out.len();
                out.extend_from_slice(&b[i..end]);
                // The flags byte: bit 3 EXIF, bit 2 XMP.
                out[at + 8] &= !(0x08 | 0x04);
            }
            _ => out.extend_from_slice(&b[i..end]),
        }
        i = end;
    }
    let size = (out.len() - 8) as u32;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(body);
        s
    }

    #[test]
    fn jpeg_keeps_the_picture_and_the_profile_and_drops_the_rest() {
        let mut b = vec![0xFF, 0xD8];
        b.extend(segment(0xE0, b"JFIF\0\x01\x01"));
        b.extend(segment(0xE1, b"Exif\0\0GPS"));
        b.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01"));
        b.extend(segment(0xE2, b"MPF\0"));
        b.extend(segment(0xFE, b"a comment"));
        b.extend(segment(0xDA, b"\x01\x01\x00\x00\x3F\x00"));
        b.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        b.extend_from_slice(&[0xFF, 0xD9]);
        // A phone's preview image after the end, with its own EXIF.
        b.extend_from_slice(&[0xFF, 0xD8]);
        b.extend(segment(0xE1, b"Exif\0\0GPS"));
        let out = jpeg(&b).unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("Exif") && !text.contains("MPF") && !text.contains("comment"));
        assert!(text.contains("ICC_PROFILE") && text.contains("JFIF"));
        assert!(out.ends_with(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9]));
        // Cut off inside the compressed data.
        assert!(jpeg(&b[..b.len() - 20]).is_err());
    }

    #[test]
    fn webp_flags_follow_the_chunks() {
        let mut b = b"RIFF\0\0\0\0WEBP".to_vec();
        b.extend_from_slice(b"VP8X\x0a\0\0\0\x0c\0\0\0\0\0\0\0\0\0");
        b.extend_from_slice(b"VP8L\x01\0\0\0\x2f\0");
        b.extend_from_slice(b"EXIF\x03\0\0\0GPS\0");
        b.extend_from_slice(b"XMP \x02\0\0\0ab");
        let n = (b.len() - 8) as u32;
        b[4..8].copy_from_slice(&n.to_le_bytes());
        let out = webp(&b).unwrap();
        assert_eq!(out[20], 0);
        assert!(!String::from_utf8_lossy(&out).contains("GPS"));
        assert_eq!(u32::from_le_bytes([out[4], out[5], out[6], out[7]]) as usize, out.len() - 8);
    }
}
