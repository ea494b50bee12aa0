//! The one place that writes the markup of an image an editor names: a cover, a
//! member's logo, an image in a Markdown body. Themes print the HTML it returns
//! (`item.cover_image`, `item.member.logo_image`, `card.cover_image`); the
//! variants themselves are [`crate::images`]'s.
//!
//! A raster image is a `<picture>`: a WebP `<source>` and an `<img>` in the
//! original's format, both with the widths the slot can use in `srcset` (every
//! width for a cover or a body image, up to 960 px for a card and 320 px for a
//! logo) and a `sizes` that says how wide the slot is, so a 390 px phone at 3×
//! picks the 1280 px copy and a listing card the 320 or 640 px one. The `<img>` carries `width` and `height`
//! (no layout shift), `alt`, `decoding="async"` and `loading="lazy"`, except the
//! cover at the top of an item's page, its largest element: that one loads at
//! once with `fetchpriority="high"`. An SVG is one `<img>` as it is.

use std::fmt::Write as _;

use crate::images::{self, Format, Image};
use crate::text::escape_html as escape;

/// Where an image is shown, which decides its `sizes` and how it loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The cover at the top of an item's page: loaded at once.
    Hero,
    /// An image in a body.
    Body,
    /// A card's cover in a listing.
    Card,
    /// A member's logo.
    Logo,
}

impl Slot {
    /// How wide the slot is on screen: the column on a wide screen (46em), the
    /// whole width on a phone.
    fn sizes(self) -> &'static str {
        match self {
            Slot::Hero | Slot::Body => "(min-width: 50em) 46em, 100vw",
            Slot::Card => "(min-width: 40em) 20em, 50vw",
            Slot::Logo => "6em",
        }
    }

    /// The widest copy `srcset` needs to list, if the slot has a width that caps it:
    /// a card is at most 20em wide and a logo 6em, which at 3 device pixels a CSS
    /// pixel need no more than 960 and 320 px. Wider copies would only lengthen
    /// every listing's markup.
    fn widest_useful(self) -> Option<u32> {
        match self {
            Slot::Hero | Slot::Body => None,
            Slot::Card => Some(960),
            Slot::Logo => Some(320),
        }
    }

    /// The widest copy `src` (for a browser without `srcset`) may be.
    fn fallback_width(self) -> u32 {
        match self {
            Slot::Hero | Slot::Body => 960,
            Slot::Card | Slot::Logo => 320,
        }
    }
}

/// Appends the `srcset` of `image`'s variants in `format` to `out`, the narrowest
/// first, up to the first that is at least as wide as `slot` can use; `root` is
/// the site root's path (`/` or `/alliance/`) that every variant's URL starts with.
fn srcset(out: &mut String, image: &Image, format: Format, slot: Slot, root: &str) {
    let cap = slot.widest_useful().unwrap_or(u32::MAX);
    for (i, v) in image.of_format(format).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{root}{} {}w", v.path, v.width);
        if v.width >= cap {
            break;
        }
    }
}

fn loading(slot: Slot) -> &'static str {
    if slot == Slot::Hero { " fetchpriority=\"high\"" } else { " loading=\"lazy\"" }
}

/// The `<picture>` of a processed image; `root` is the path of the site's root
/// (`/`, `/alliance/`), where the variants are.
pub(crate) fn picture(image: &Image, alt: &str, slot: Slot, root: &str) -> String {
    let sizes = slot.sizes();
    let fallback = image.fallback(slot.fallback_width());
    let widest = image.of_format(image.format).last().unwrap_or(fallback);
    let mut out = String::with_capacity(1024);
    out.push_str("<picture>");
    if image.format != Format::Webp {
        let _ = write!(out, "<source type=\"{}\" srcset=\"", Format::Webp.mime());
        srcset(&mut out, image, Format::Webp, slot, root);
        let _ = write!(out, "\" sizes=\"{sizes}\">");
    }
    let _ = write!(out, "<img src=\"{root}{}\" srcset=\"", fallback.path);
    srcset(&mut out, image, image.format, slot, root);
    let _ = write!(
        out,
        "\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" alt=\"{}\" decoding=\"async\"{}></picture>",
        widest.width,
        widest.height,
        escape(alt),
        loading(slot),
    );
    out
}

/// The `<img>` of an image qiao does not resize (an SVG, an address elsewhere).
pub(crate) fn plain(src: &str, alt: &str, slot: Slot) -> String {
    format!(
        "<img src=\"{}\" alt=\"{}\" decoding=\"async\"{}>",
        escape(src),
        escape(alt),
        loading(slot)
    )
}

impl super::Renderer<'_> {
    /// The markup of a cover or logo as written in the front matter (`value`):
    /// a `<picture>` for a JPEG, PNG or WebP of `static/`, an `<img>` otherwise.
    pub(crate) fn image_html(&self, value: &str, alt: &str, slot: Slot) -> Option<String> {
        let config = &self.site.config;
        if value.contains("://") || value.starts_with("data:") {
            return Some(plain(value, alt, slot));
        }
        let clean = value.trim_start_matches('/');
        if !images::is_processed(clean) {
            return Some(plain(&config.root_link(clean), alt, slot));
        }
        // A broken image was reported where it is named (content::check).
        let image = self.images.get(clean).ok()?;
        Some(picture(&image, alt, slot, config.root_path()))
    }

    /// The absolute URL of a page's social card image: the widest copy, in the
    /// original's format (which every network reads), of a cover or of the
    /// site's `share_image`.
    pub(crate) fn share_image(&self, value: &str) -> Option<String> {
        let config = &self.site.config;
        if value.contains("://") {
            return Some(value.to_owned());
        }
        let clean = value.trim_start_matches('/');
        if !images::is_processed(clean) {
            return Some(config.root_absolute(clean));
        }
        let image = self.images.get(clean).ok()?;
        Some(config.root_absolute(&image.fallback(u32::MAX).path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::Variant;

    #[test]
    fn a_photo_is_a_picture_with_every_width() {
        let v = |w, h, format: Format| Variant {
            path: format!("_img/a-0123456789-{w}.{}", format.extension()),
            width: w,
            height: h,
            format,
        };
        let image = Image {
            width: 1000,
            height: 750,
            format: Format::Jpeg,
            variants: vec![
                v(320, 240, Format::Webp),
                v(320, 240, Format::Jpeg),
                v(1000, 750, Format::Webp),
                v(1000, 750, Format::Jpeg),
            ],
        };
        let html = picture(&image, "a \"harbour\"", Slot::Hero, "/base/");
        assert_eq!(
            html,
            "<picture><source type=\"image/webp\" srcset=\"/base/_img/a-0123456789-320.webp 320w, /base/_img/a-0123456789-1000.webp 1000w\" sizes=\"(min-width: 50em) 46em, 100vw\"><img src=\"/base/_img/a-0123456789-320.jpg\" srcset=\"/base/_img/a-0123456789-320.jpg 320w, /base/_img/a-0123456789-1000.jpg 1000w\" sizes=\"(min-width: 50em) 46em, 100vw\" width=\"1000\" height=\"750\" alt=\"a &quot;harbour&quot;\" decoding=\"async\" fetchpriority=\"high\"></picture>"
        );
        assert!(picture(&image, "", Slot::Card, "/base/").contains("loading=\"lazy\""));
    }

    #[test]
    fn a_card_or_a_logo_lists_the_widths_its_slot_can_use() {
        let image = |widths: &[u32]| Image {
            width: *widths.last().unwrap(),
            height: 100,
            format: Format::Jpeg,
            variants: [Format::Webp, Format::Jpeg]
                .into_iter()
                .flat_map(|format| {
                    widths.iter().map(move |&width| Variant {
                        path: format!("_img/p-{width}.{}", format.extension()),
                        width,
                        height: 100,
                        format,
                    })
                })
                .collect(),
        };
        let widths = |html: &str| -> Vec<String> {
            let srcset = html.split("srcset=\"").nth(1).unwrap().split('"').next().unwrap();
            srcset.split(", ").map(|c| c.rsplit(' ').next().unwrap().to_owned()).collect()
        };
        let photo = image(&images::WIDTHS);
        assert_eq!(widths(&picture(&photo, "", Slot::Hero, "/")).len(), 5);
        assert_eq!(widths(&picture(&photo, "", Slot::Card, "/")), ["320w", "640w", "960w"]);
        assert_eq!(widths(&picture(&photo, "", Slot::Logo, "/")), ["320w"]);
        // A narrower original: its own width is the widest copy.
        let small = image(&[320, 640, 800]);
        assert_eq!(widths(&picture(&small, "", Slot::Card, "/")), ["320w", "640w", "800w"]);
        // The width and height stay the widest copy's: the aspect ratio.
        assert!(picture(&photo, "", Slot::Card, "/").contains("width=\"1920\""));
    }
}
