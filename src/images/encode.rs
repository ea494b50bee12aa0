//! Pixels to published files: the widths of [`WIDTHS`] an image is wide enough
//! for (never enlarged), each resized with fast_image_resize (Catmull-Rom, alpha
//! premultiplied) and encoded as WebP (libwebp) and in the original's format (the
//! image crate's JPEG and PNG encoders). Encoded files carry no metadata: the
//! encoders write none.

use fast_image_resize::images::Image as Pixels;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::ImageEncoder;
use rayon::prelude::*;

use super::decode::Decoded;
use super::{Format, ImageError, QUALITY, WIDTHS};

/// One encoded variant.
pub(crate) struct Encoded {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) format: Format,
    pub(crate) bytes: Vec<u8>,
}

/// An image's pixels as 8-bit RGB, or RGBA when it has transparency.
pub(crate) struct Raster {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) alpha: bool,
    pub(crate) pixels: Vec<u8>,
}

impl Raster {
    pub(crate) fn of(decoded: &Decoded) -> Self {
        let image = &decoded.image;
        let (width, height) = (image.width(), image.height());
        if image.color().has_alpha() {
            Raster { width, height, alpha: true, pixels: image.to_rgba8().into_raw() }
        } else {
            Raster { width, height, alpha: false, pixels: image.to_rgb8().into_raw() }
        }
    }

    fn pixel_type(&self) -> PixelType {
        if self.alpha { PixelType::U8x4 } else { PixelType::U8x3 }
    }

    /// A copy `width` pixels wide, the height in proportion.
    fn resized(&self, width: u32) -> Result<Raster, ImageError> {
        if width == self.width {
            return Ok(Raster { pixels: self.pixels.clone(), ..*self });
        }
        let height = scaled_height(self.width, self.height, width);
        let src = fast_image_resize::images::ImageRef::new(
            self.width,
            self.height,
            &self.pixels,
            self.pixel_type(),
        )
        .map_err(|e| ImageError::Broken(e.to_string()))?;
        let mut dst = Pixels::new(width, height, self.pixel_type());
        let options =
            ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
        Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(|e| ImageError::Broken(e.to_string()))?;
        Ok(Raster { width, height, alpha: self.alpha, pixels: dst.into_vec() })
    }

    /// The pixels encoded as `format`.
    pub(crate) fn encode(&self, format: Format) -> Result<Vec<u8>, ImageError> {
        let (w, h) = (self.width, self.height);
        let color = if self.alpha {
            image::ExtendedColorType::Rgba8
        } else {
            image::ExtendedColorType::Rgb8
        };
        let failed = |e: image::ImageError| ImageError::Broken(e.to_string());
        let mut out = Vec::new();
        match format {
            Format::Webp => {
                let encoder = if self.alpha {
                    webp::Encoder::from_rgba(&self.pixels, w, h)
                } else {
                    webp::Encoder::from_rgb(&self.pixels, w, h)
                };
                out.extend_from_slice(&encoder.encode(f32::from(QUALITY)));
            }
            Format::Jpeg => {
                let rgb;
                let (pixels, color) = if self.alpha {
                    // JPEG has no transparency: the alpha channel is dropped.
                    rgb = self.pixels.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
                    (&rgb, image::ExtendedColorType::Rgb8)
                } else {
                    (&self.pixels, color)
                };
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
                    .write_image(pixels, w, h, color)
                    .map_err(failed)?;
            }
            Format::Png => {
                image::codecs::png::PngEncoder::new(&mut out)
                    .write_image(&self.pixels, w, h, color)
                    .map_err(failed)?;
            }
        }
        Ok(out)
    }
}

/// `height` scaled as `width` becomes `to`, at least one pixel.
fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    ((u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width)).max(1) as u32
}

/// The widths an image `width` pixels wide is published at: every width of
/// [`WIDTHS`] below its own, and its own (at most the widest of them).
pub(crate) fn widths(width: u32) -> Vec<u32> {
    let largest = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < largest).collect();
    out.push(largest);
    out
}

/// Every variant of a decoded image: at each width, WebP and the original's
/// format (only WebP for a WebP).
pub(crate) fn variants(decoded: &Decoded) -> Result<Vec<Encoded>, ImageError> {
    let raster = Raster::of(decoded);
    let widths = widths(raster.width);
    // The widest first, then each narrower one from it (less work, the same look).
    let widest = raster.resized(widths[widths.len() - 1])?;
    drop(raster);
    let mut jobs: Vec<(u32, Format)> = Vec::new();
    for &w in &widths {
        jobs.push((w, Format::Webp));
        if decoded.format != Format::Webp {
            jobs.push((w, decoded.format));
        }
    }
    let sized: Vec<Raster> =
        widths.par_iter().map(|&w| widest.resized(w)).collect::<Result<_, _>>()?;
    jobs.par_iter()
        .map(|&(w, format)| {
            let r = sized.iter().find(|r| r.width == w).unwrap_or(&widest);
            Ok(Encoded { width: r.width, height: r.height, format, bytes: r.encode(format)? })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_enlarge() {
        assert_eq!(widths(4000), vec![320, 640, 960, 1280, 1920]);
        assert_eq!(widths(1000), vec![320, 640, 960, 1000]);
        assert_eq!(widths(640), vec![320, 640]);
        assert_eq!(widths(100), vec![100]);
        assert_eq!(scaled_height(4000, 3000, 320), 240);
        assert_eq!(scaled_height(4000, 1, 320), 1);
    }
}
