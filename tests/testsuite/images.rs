//! Images an editor names (covers, logos, Markdown images) and every image the
//! build publishes: variants and their markup, never enlarged, orientation
//! applied, no EXIF/XMP/GPS in any published JPEG, PNG or WebP (the output is
//! parsed), the cache, every bad image at its line in both languages with nothing
//! written, and the social card tags. The test images are made here: encoded with
//! the image crate, their EXIF (orientation 6, a GPS position) written by hand.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Site, files, stderr};

/// A photo `w` × `h`: a gradient, so that it compresses like one.
fn photo(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, ((x + y) % 256) as u8])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img).unwrap();
    out
}

/// EXIF (big-endian TIFF) with an orientation and a GPS latitude, as a phone writes.
fn exif(orientation: u16) -> Vec<u8> {
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    // IFD0: orientation, and the pointer to the GPS IFD (at 38).
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    // GPS IFD: GPSLatitudeRef "N", GPSLatitude 30/1 15/1 0/1 (at 68).
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 68]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    for (n, d) in [(30u32, 1u32), (15, 1), (0, 1)] {
        t.extend_from_slice(&n.to_be_bytes());
        t.extend_from_slice(&d.to_be_bytes());
    }
    t
}

const XMP: &[u8] = b"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>30,15N</exif:GPSLatitude></x:xmpmeta>";

/// A JPEG with EXIF (orientation, GPS) and XMP segments after its start marker.
fn phone_photo(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let plain = photo(w, h);
    let segment = |body: Vec<u8>| {
        let mut s = vec![0xFF, 0xE1];
        s.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        s.extend(body);
        s
    };
    let mut out = plain[..2].to_vec();
    out.extend(segment([b"Exif\0\0".as_slice(), &exif(orientation)].concat()));
    out.extend(segment([b"http://ns.adobe.com/xap/1.0/\0".as_slice(), XMP].concat()));
    out.extend_from_slice(&plain[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    c.extend_from_slice(&crc32(&[kind.as_slice(), data].concat()).to_be_bytes());
    c
}

/// A PNG drawing with an `eXIf` chunk (GPS) and XMP in an `iTXt` chunk.
fn png_with_metadata(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, _| image::Rgba([200, (x % 256) as u8, 40, 255]));
    let mut plain = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut plain), image::ImageFormat::Png).unwrap();
    // After the signature and IHDR (8 + 25 bytes).
    let mut out = plain[..33].to_vec();
    out.extend(png_chunk(b"eXIf", &exif(1)));
    out.extend(png_chunk(b"iTXt", &[b"XML:com.adobe.xmp\0\0\0\0\0".as_slice(), XMP].concat()));
    out.extend_from_slice(&plain[33..]);
    out
}

/// A lossy WebP in the extended format with `EXIF` and `XMP ` chunks.
fn webp_with_metadata(w: u32, h: u32) -> Vec<u8> {
    let rgb: Vec<u8> = (0..w * h).flat_map(|i| [(i % 251) as u8, 90, 160]).collect();
    let simple = webp::Encoder::from_rgb(&rgb, w, h).encode(80.0).to_vec();
    let vp8 = &simple[12..];
    let chunk = |kind: &[u8; 4], data: &[u8]| {
        let mut c = kind.to_vec();
        c.extend_from_slice(&(data.len() as u32).to_le_bytes());
        c.extend_from_slice(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    };
    let mut vp8x = vec![0x08 | 0x04, 0, 0, 0];
    vp8x.extend_from_slice(&(w - 1).to_le_bytes()[..3]);
    vp8x.extend_from_slice(&(h - 1).to_le_bytes()[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend(chunk(b"VP8X", &vp8x));
    body.extend_from_slice(vp8);
    body.extend(chunk(b"EXIF", &exif(1)));
    body.extend(chunk(b"XMP ", XMP));
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

/// What metadata a published file carries, read by walking its structure.
fn metadata_in(path: &str, b: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        assert!(b.starts_with(&[0xFF, 0xD8]), "{path} is no JPEG");
        let mut i = 2;
        while i + 4 <= b.len() && b[i] == 0xFF {
            let marker = b[i + 1];
            if marker == 0xDA || marker == 0xD9 {
                break;
            }
            let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
            if marker == 0xE1 || (0xE3..=0xED).contains(&marker) || marker == 0xFE {
                found.push(format!("JPEG segment {marker:02X}"));
            }
            i += 2 + len;
        }
        // Nothing after the end of the picture (a phone's preview image).
        let end = b.windows(2).rposition(|w| w == [0xFF, 0xD9]).unwrap();
        if end + 2 != b.len() {
            found.push("bytes after the end marker".into());
        }
    } else if lower.ends_with(".png") {
        let mut i = 8;
        while i + 8 <= b.len() {
            let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
            let kind = String::from_utf8_lossy(&b[i + 4..i + 8]).into_owned();
            if ["eXIf", "iTXt", "tEXt", "zTXt"].contains(&kind.as_str()) {
                found.push(format!("PNG chunk {kind}"));
            }
            i += 12 + len;
        }
    } else if lower.ends_with(".webp") {
        let mut i = 12;
        while i + 8 <= b.len() {
            let kind = String::from_utf8_lossy(&b[i..i + 4]).into_owned();
            let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
            if kind == "EXIF" || kind == "XMP " {
                found.push(format!("WebP chunk {kind}"));
            }
            if kind == "VP8X" && b[i + 8] & 0x0C != 0 {
                found.push("WebP metadata flags".into());
            }
            i += 8 + len + (len & 1);
        }
    }
    if b.windows(6).any(|w| w == b"Exif\0\0") || b.windows(9).any(|w| w == b"x:xmpmeta") {
        found.push("EXIF or XMP bytes".into());
    }
    found
}

fn is_image(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"].iter().any(|e| lower.ends_with(e))
}

fn case(cover: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"Harbour\"\ndate = 2025-01-01\npartners = [\"a\", \"b\"]\nmodes = [\"other\"]\ncover = \"{cover}\"\ncover_alt = \"The harbour at dawn\"\n+++\n\n{body}\n"
    )
}

fn member(slug: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"{slug} Co\"\ndate = 2025-01-01\ntype = \"enterprise\"\n{extra}+++\n\nText.\n"
    )
}

/// A site with two members and a case whose cover is `cover`.
fn site_with_cover(cover: &str, body: &str) -> Site {
    let s = Site::new();
    s.write("content/members/a.md", &member("a", ""));
    s.write("content/members/b.md", &member("b", ""));
    s.write("content/cases/harbour.md", &case(cover, body));
    s
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn covers_logos_and_body_images_are_responsive_and_carry_no_metadata() {
    let s = site_with_cover(
        "/images/harbour.jpg",
        "Before.\n\n![Cranes at the quay](/images/quay.png)\n",
    );
    s.write_bytes("static/images/harbour.jpg", &phone_photo(1500, 1000, 1));
    s.write_bytes("static/images/quay.png", &png_with_metadata(700, 300));
    s.write_bytes("static/images/logo.webp", &webp_with_metadata(400, 200));
    // Merely copied, named by nothing: still stripped.
    s.write_bytes("static/images/unnamed.jpg", &phone_photo(300, 200, 1));
    s.write("content/members/a.md", &member("a", "logo = \"/images/logo.webp\"\n"));
    let out = s.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let public = s.out();

    let page = String::from_utf8(read(&public.join("cases/harbour/index.html"))).unwrap();
    // The cover: every width up to the original's 1500, WebP and JPEG, not lazy.
    let cover = &page[page.find("<figure class=\"cover\">").unwrap()..];
    let cover = &cover[..cover.find("</figure>").unwrap()];
    for w in [320, 640, 960, 1280, 1500] {
        assert!(cover.contains(&format!("-{w}.webp {w}w")), "{cover}");
        assert!(cover.contains(&format!("-{w}.jpg {w}w")), "{cover}");
    }
    assert!(!cover.contains("1920"), "never enlarged: {cover}");
    assert!(cover.contains("<source type=\"image/webp\""), "{cover}");
    assert!(cover.contains("width=\"1500\" height=\"1000\""), "{cover}");
    assert!(cover.contains("alt=\"The harbour at dawn\""), "{cover}");
    assert!(cover.contains("sizes=\"") && cover.contains("decoding=\"async\""), "{cover}");
    assert!(cover.contains("fetchpriority=\"high\"") && !cover.contains("loading=\"lazy\""));
    // The body image: its widths (the original is 700 wide), lazy, with its alt.
    let body = &page
        [page.find("Cranes at the quay").map(|i| page[..i].rfind("<picture>").unwrap()).unwrap()..];
    let body = &body[..body.find("</picture>").unwrap()];
    assert!(body.contains("-320.png 320w") && body.contains("-700.png 700w"), "{body}");
    assert!(body.contains("-700.webp 700w") && !body.contains("-960."), "{body}");
    assert!(body.contains("loading=\"lazy\"") && body.contains("width=\"700\" height=\"300\""));
    // The social card: the cover's widest copy, absolute.
    assert!(
        page.contains("<meta property=\"og:image\" content=\"https://example.org/_img/harbour-")
    );
    assert!(page.contains("-1500.jpg\">"), "og:image is the widest JPEG");
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(page.contains("<meta property=\"og:title\" content=\"Harbour\">"));
    assert!(
        page.contains("<meta property=\"og:url\" content=\"https://example.org/cases/harbour/\">")
    );
    assert!(page.contains("<meta property=\"og:description\""));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    // The listing's card: the small copies, lazy.
    let listing = String::from_utf8(read(&public.join("cases/index.html"))).unwrap();
    let card = &listing[listing.find("card-cover").unwrap()..];
    let card = &card[..card.find("</picture>").unwrap()];
    assert!(card.contains("loading=\"lazy\"") && card.contains("(min-width: 40em) 20em"), "{card}");
    assert!(card.contains("-320.jpg\""), "the card's fallback is the smallest: {card}");
    // The logo: WebP only, at the widths a 6em slot can use (320 px at 3 device
    // pixels a pixel), though a 400 px copy is published too (its own width).
    let logo = String::from_utf8(read(&public.join("members/a/index.html"))).unwrap();
    let logo = &logo[logo.find("member-logo").unwrap()..];
    assert!(logo.contains("srcset=\"/_img/logo-") && logo.contains("-320.webp 320w\""), "{logo}");
    assert!(!logo[..logo.find("</picture>").unwrap()].contains("400w"), "{logo}");
    assert!(logo.contains("width=\"400\" height=\"200\""), "{logo}");
    assert!(public.join("_img").read_dir().unwrap().any(|e| {
        let name = e.unwrap().file_name();
        let name = name.to_string_lossy();
        name.starts_with("logo-") && name.ends_with("-400.webp")
    }));
    assert!(logo.contains("alt=\"a Co\""), "logo_alt defaults to the title: {logo}");

    // Every published JPEG, PNG and WebP: no EXIF, XMP or GPS, and each decodes.
    let published: Vec<String> = files(&public).into_iter().filter(|f| is_image(f)).collect();
    assert!(published.len() > 20, "{published:?}");
    for f in &published {
        let bytes = read(&public.join(f));
        assert_eq!(metadata_in(f, &bytes), Vec::<String>::new(), "{f}");
        image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    assert!(published.iter().any(|f| f == "images/unnamed.jpg"));
    assert!(published.iter().any(|f| f == "images/logo.webp"));
    // And the sources did carry it (the test can fail).
    let source = read(&s.root().join("static/images/harbour.jpg"));
    assert!(!metadata_in("harbour.jpg", &source).is_empty());
    assert!(!metadata_in("q.png", &png_with_metadata(10, 10)).is_empty());
    assert!(!metadata_in("l.webp", &webp_with_metadata(10, 10)).is_empty());
}

#[test]
fn a_photo_is_turned_upright_by_its_orientation_flag() {
    // 600 × 400 as stored, orientation 6: upright it is 400 × 600.
    let s = site_with_cover("/images/turned.jpg", "");
    s.write_bytes("static/images/turned.jpg", &phone_photo(600, 400, 6));
    let out = s.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = String::from_utf8(read(&s.out().join("cases/harbour/index.html"))).unwrap();
    assert!(page.contains("width=\"400\" height=\"600\""), "{page}");
    let variant = files(&s.out()).into_iter().find(|f| f.ends_with("-400.jpg")).unwrap();
    let img = image::load_from_memory(&read(&s.out().join(&variant))).unwrap();
    assert_eq!((img.width(), img.height()), (400, 600));
    // The copy of the original is turned too: its flag went with the EXIF.
    let copy = image::load_from_memory(&read(&s.out().join("images/turned.jpg"))).unwrap();
    assert_eq!((copy.width(), copy.height()), (400, 600));
}

#[test]
fn a_site_may_keep_the_metadata_of_a_file_type() {
    let s = site_with_cover("/images/harbour.jpg", "");
    s.write_bytes("static/images/harbour.jpg", &phone_photo(400, 300, 1));
    s.write_bytes("static/images/map.png", &png_with_metadata(40, 30));
    s.write("site.toml", "title = \"Test\"\nbase_url = \"https://example.org/\"\n\n[images]\nkeep_metadata = [\"png\"]\n");
    let out = s.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read(&s.out().join("images/map.png")), png_with_metadata(40, 30));
    assert!(metadata_in("x.jpg", &read(&s.out().join("images/harbour.jpg"))).is_empty());

    s.write("site.toml", "title = \"Test\"\nbase_url = \"https://example.org/\"\n\n[images]\nkeep_metadata = [\"jpg\"]\n");
    let e = s.one_error();
    assert!(e.starts_with("site.toml:5:18: error[E0806]:"), "{e}");
    assert!(e.contains("jpeg, png, webp"), "{e}");
}

/// Every JPEG, PNG and WebP of the output, by path, each checked for metadata.
fn published_images(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let images: BTreeMap<String, Vec<u8>> = files(out)
        .into_iter()
        .filter(|f| is_image(f))
        .map(|f| {
            let bytes = read(&out.join(&f));
            (f, bytes)
        })
        .collect();
    for (f, bytes) in &images {
        assert_eq!(metadata_in(f, bytes), Vec::<String>::new(), "{f}");
    }
    images
}

/// Replaces the file at `path` with other bytes of the same size and gives it
/// back its modification time: what qiao cannot tell from the file unchanged
/// without reading it.
fn disguise(path: &Path) {
    let before = std::fs::metadata(path).unwrap();
    let other: Vec<u8> = read(path).iter().map(|b| b ^ 0x5A).collect();
    std::fs::write(path, &other).unwrap();
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(before.modified().unwrap()).unwrap();
}

/// A site with a named photo (a cover), a body image and photos that are only
/// copied from `static/`, one of them on its side.
fn site_with_photos() -> (Site, Vec<(&'static str, Vec<u8>)>) {
    let s = site_with_cover("/images/harbour.jpg", "![Cranes at the quay](/images/quay.png)");
    let sources = vec![
        ("static/images/harbour.jpg", phone_photo(700, 500, 1)),
        ("static/images/quay.png", png_with_metadata(400, 200)),
        ("static/images/turned.jpg", phone_photo(300, 200, 6)),
        ("static/images/logo.webp", webp_with_metadata(120, 60)),
    ];
    for (path, bytes) in &sources {
        s.write_bytes(path, bytes);
    }
    (s, sources)
}

#[test]
fn a_rebuild_with_the_same_images_reads_none_of_them_and_publishes_the_same_bytes() {
    let (s, sources) = site_with_photos();
    assert!(s.build().status.success());
    let cold = published_images(&s.out());
    let cold_pages = String::from_utf8(read(&s.out().join("cases/harbour/index.html"))).unwrap();
    for f in ["images/harbour.jpg", "images/quay.png", "images/turned.jpg", "images/logo.webp"] {
        assert!(cold.contains_key(f), "{f}: {:?}", cold.keys());
    }
    let variants = cold.keys().filter(|f| f.starts_with("_img/")).count();
    assert_eq!(variants, 6 + 4, "harbour at 320, 640, 700, quay at 320, 400: {cold:?}");

    // Every source disguised: a rebuild that reads none of them publishes what the
    // first build did (had it read one, it would fail or publish other bytes).
    for (path, _) in &sources {
        disguise(&s.root().join(path));
    }
    let out = s.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(published_images(&s.out()), cold, "a warm rebuild publishes the same images");
    let warm_page = String::from_utf8(read(&s.out().join("cases/harbour/index.html"))).unwrap();
    assert_eq!(warm_page, cold_pages);

    // The sources back, and no cache: a cold build publishes the same bytes again.
    for (path, bytes) in &sources {
        s.write_bytes(path, bytes);
    }
    std::fs::remove_dir_all(s.root().join(".qiao-cache")).unwrap();
    assert!(s.build().status.success());
    assert_eq!(published_images(&s.out()), cold, "a clean build publishes the same images");
    assert!(!metadata_in("harbour.jpg", &sources[0].1).is_empty(), "the source had GPS");

    // A changed photo is a new key: new names, made again.
    s.write_bytes("static/images/harbour.jpg", &phone_photo(700, 500, 3));
    assert!(s.build().status.success());
    let again = published_images(&s.out());
    let new_names: Vec<&String> = again.keys().filter(|f| !cold.contains_key(*f)).collect();
    assert_eq!(new_names.len(), 6, "harbour's variants at new names: {new_names:?}");
    assert_ne!(again["images/harbour.jpg"], cold["images/harbour.jpg"]);
}

#[test]
fn a_published_image_changed_in_place_does_not_go_on_into_the_next_build() {
    let (s, _) = site_with_photos();
    assert!(s.build().status.success());
    let first = published_images(&s.out());
    let variant =
        first.keys().find(|f| f.starts_with("_img/") && f.ends_with("-320.webp")).unwrap();
    // Published copies written over in place (an editor's tool on the output
    // folder): the build shares them with its cache, and must notice.
    for f in ["images/harbour.jpg", "images/turned.jpg", "images/quay.png", variant.as_str()] {
        let mut file = std::fs::File::options().write(true).open(s.out().join(f)).unwrap();
        std::io::Write::write_all(&mut file, b"Exif\0\0 written in place").unwrap();
    }
    let out = s.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(published_images(&s.out()), first, "the next build publishes the images intact");
    // And again, from the cache as it is now.
    assert!(s.build().status.success());
    assert_eq!(published_images(&s.out()), first);
}

/// The inode of a file or folder: the same one after a rebuild is the same file,
/// carried over rather than made or linked again.
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::symlink_metadata(path).unwrap())
}

#[test]
fn a_rebuild_carries_the_previous_builds_images_over_and_makes_again_what_changed_there() {
    let (s, _) = site_with_photos();
    assert!(s.build().status.success());
    let first = published_images(&s.out());
    let img = s.out().join("_img");
    let folder = inode(&img);
    let variants: Vec<&String> = first.keys().filter(|f| f.starts_with("_img/")).collect();

    // Nothing changed: the same folder of variants, moved over whole.
    let out = s.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(published_images(&s.out()), first);
    assert_eq!(inode(&img), folder, "the previous build's _img/ carried over");

    // In the output folder: a variant removed, one replaced by another file (a new
    // file, the cache's copy intact), one written over in place (the cache's copy
    // too), a file and a folder that no build made, and a variant of a photo that
    // no page shows any more (a name no key has now).
    std::fs::remove_file(s.out().join(variants[0])).unwrap();
    let replaced = s.out().join(variants[1]);
    std::fs::remove_file(&replaced).unwrap();
    std::fs::write(&replaced, b"not the variant").unwrap();
    let mut in_place =
        std::fs::File::options().write(true).open(s.out().join(variants[2])).unwrap();
    std::io::Write::write_all(&mut in_place, b"written in place").unwrap();
    drop(in_place);
    std::fs::write(img.join("stray.webp"), b"stray").unwrap();
    std::fs::create_dir_all(img.join("stray/deeper")).unwrap();
    std::fs::write(img.join("stray/deeper/x.webp"), b"stray").unwrap();
    let out = s.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(published_images(&s.out()), first, "every variant back, intact, nothing else");
    assert!(!img.join("stray").exists());

    // A changed photo: its old variants leave the output with the old build.
    assert!(s.build().status.success());
    let before = inode(&img);
    s.write_bytes("static/images/harbour.jpg", &phone_photo(700, 500, 3));
    assert!(s.build().status.success());
    let again = published_images(&s.out());
    let old: Vec<&&String> = variants.iter().filter(|v| v.contains("harbour")).collect();
    assert_eq!(old.len(), 6, "{variants:?}");
    assert!(old.iter().all(|v| !again.contains_key(**v)), "{:?}", again.keys());
    assert_eq!(again.keys().filter(|f| f.starts_with("_img/harbour")).count(), 6);
    assert_eq!(inode(&img), before, "the other variants carried over in the same folder");
}

#[test]
fn the_caches_index_is_only_a_shortcut() {
    let (s, sources) = site_with_photos();
    assert!(s.build().status.success());
    let first = published_images(&s.out());
    let index = s.root().join(".qiao-cache/images/v1/index.json");
    assert!(index.is_file());
    let folder = inode(&s.out().join("_img"));
    // Without it, the sources are read and hashed again, and found by their key:
    // nothing is made again, and the previous build's images are carried over.
    std::fs::remove_file(&index).unwrap();
    let files = s.root().join(".qiao-cache/images/v1/files");
    let made: Vec<u64> =
        std::fs::read_dir(&files).unwrap().map(|e| inode(&e.unwrap().path())).collect();
    assert!(s.build().status.success());
    assert_eq!(published_images(&s.out()), first);
    assert_eq!(inode(&s.out().join("_img")), folder);
    let after: Vec<u64> =
        std::fs::read_dir(&files).unwrap().map(|e| inode(&e.unwrap().path())).collect();
    assert_eq!(after, made, "no variant made again");
    assert!(index.is_file(), "written again");
    // An index that is not JSON is no index.
    std::fs::write(&index, "{ not json").unwrap();
    for (path, _) in &sources {
        disguise(&s.root().join(path));
    }
    // Read, they are no images any more: the build says so, and writes nothing.
    let out = s.build();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("images/harbour.jpg"), "{}", stderr(&out));
    assert_eq!(published_images(&s.out()), first);
}

#[test]
fn a_link_in_the_output_folder_is_never_followed_when_images_are_carried_over() {
    let (s, _) = site_with_photos();
    assert!(s.build().status.success());
    let first = published_images(&s.out());
    // The output's _img/ replaced by a link to a folder elsewhere that holds the
    // same files and one more: the rebuild publishes a folder of its own and
    // leaves the other one alone.
    let elsewhere = tempfile::tempdir().unwrap();
    let img = s.out().join("_img");
    for f in std::fs::read_dir(&img).unwrap().flatten() {
        std::fs::hard_link(f.path(), elsewhere.path().join(f.file_name())).unwrap();
    }
    std::fs::write(elsewhere.path().join("mine.txt"), b"keep me").unwrap();
    let theirs = files(elsewhere.path());
    std::fs::remove_dir_all(&img).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), &img).unwrap();
    let out = s.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&img).unwrap().is_dir(), "a folder, not the link");
    assert_eq!(published_images(&s.out()), first);
    assert_eq!(files(elsewhere.path()), theirs, "the linked folder untouched");

    // A variant that is a link to the cache's own file is not carried over either.
    let variant = first.keys().find(|f| f.starts_with("_img/")).unwrap();
    let target = s.out().join(variant);
    let cache_file = walk_find(&s.root().join(".qiao-cache"), &target);
    std::fs::remove_file(&target).unwrap();
    std::os::unix::fs::symlink(&cache_file, &target).unwrap();
    assert!(s.build().status.success());
    assert!(std::fs::symlink_metadata(&target).unwrap().is_file(), "a file, not the link");
    assert_eq!(published_images(&s.out()), first);
}

/// The file under `dir` that is the same file as `same` (a hard link of it).
fn walk_find(dir: &Path, same: &Path) -> std::path::PathBuf {
    let want = inode(same);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let t = e.file_type().unwrap();
            if t.is_dir() {
                stack.push(e.path());
            } else if t.is_file() && inode(&e.path()) == want {
                return e.path();
            }
        }
    }
    panic!("no file of {} is {}", dir.display(), same.display());
}

#[test]
fn a_failed_rebuild_leaves_the_previous_builds_images_where_they_were() {
    let (s, _) = site_with_photos();
    s.write("content/members/c.md", &member("c", ""));
    assert!(s.build().status.success());
    let first = published_images(&s.out());
    let folder = inode(&s.out().join("_img"));
    // A page gone under --strict: an error found once every file is written,
    // before the swap.
    std::fs::remove_file(s.root().join("content/members/c.md")).unwrap();
    let out = s.qiao(&["build", "--strict", "--today", "2026-06-01"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("E0324"), "{}", stderr(&out));
    assert_eq!(published_images(&s.out()), first);
    assert_eq!(inode(&s.out().join("_img")), folder);
    assert!(s.out().join("members/c/index.html").is_file());
}

/// A truncated JPEG, a text file, a GIF and a PNG that declares 30000 × 30000.
fn bad_images() -> Vec<(&'static str, Vec<u8>, &'static str, &'static str)> {
    let photo = photo(400, 300);
    let truncated = photo[..photo.len() / 2].to_vec();
    let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 30000u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&30000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    bomb.extend(png_chunk(b"IHDR", &ihdr));
    bomb.extend(png_chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    bomb.extend(png_chunk(b"IEND", &[]));
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;".to_vec();
    vec![
        ("truncated.jpg", truncated, "E0804", "已损坏"),
        ("notes.jpg", b"These are my notes, not a photo.\n".to_vec(), "E0801", "不是图片"),
        ("anim.gif", gif, "E0802", "GIF"),
        ("bomb.png", bomb, "E0803", "30000 × 30000"),
    ]
}

#[test]
fn a_bad_cover_is_an_error_at_its_value_in_both_languages_and_nothing_is_written() {
    for (name, bytes, code, zh) in bad_images() {
        let s = site_with_cover(&format!("/images/{name}"), "");
        s.write_bytes(&format!("static/images/{name}"), &bytes);
        let e = s.one_error();
        assert!(e.starts_with(&format!("content/cases/harbour.md:6:9: error[{code}]:")), "{e}");
        assert!(e.contains(&format!("/images/{name}")), "{e}");
        let out = s.qiao(&["check", "--today", "2026-11-24", "--lang", "zh"]);
        let zh_err = stderr(&out);
        assert!(
            zh_err.contains(&format!("content/cases/harbour.md:6:9: error[{code}]:")),
            "{zh_err}"
        );
        assert!(zh_err.contains(zh), "{zh_err}");
        let start = std::time::Instant::now();
        let out = s.build();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(start.elapsed().as_secs() < 20, "{name} took {:?}", start.elapsed());
        assert!(!s.out().exists(), "{name}: a failed build wrote {:?}", files(&s.out()));
    }
}

#[test]
fn a_bad_logo_or_markdown_image_is_an_error_at_its_line() {
    let s = Site::new();
    let (name, bytes, _, _) = bad_images().remove(3);
    s.write_bytes(&format!("static/images/{name}"), &bytes);
    s.write_bytes("static/images/notes.jpg", b"not an image");
    s.write("content/members/a.md", &member("a", "logo = \"/images/bomb.png\"\n"));
    s.write(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\n\nText.\n\nSee ![the notes](/images/notes.jpg) here.\n",
    );
    let e = s.errors();
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(e[0].starts_with("content/about.md:7:5: error[E0801]:"), "{}", e[0]);
    assert!(e[1].starts_with("content/members/a.md:5:8: error[E0803]:"), "{}", e[1]);
    let out = s.build();
    assert_eq!(out.status.code(), Some(1));
    assert!(!s.out().exists());
}

#[test]
fn explain_knows_the_image_codes() {
    for code in ["E0801", "E0802", "E0803", "E0804", "E0805", "E0806", "E0807"] {
        for lang in ["en", "zh"] {
            let out =
                crate::support::qiao().args(["explain", code, "--lang", lang]).output().unwrap();
            assert!(out.status.success(), "{code} {lang}: {}", stderr(&out));
        }
    }
}
