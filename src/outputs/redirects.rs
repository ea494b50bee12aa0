//! Pages that moved: the redirect page of every alias (`aliases = ["/old/path/"]`
//! in a page's front matter) and `/_redirects`, the list of them that hosts such as
//! Netlify and Cloudflare Pages read.
//!
//! A redirect page is a small HTML file at the old path: a `<meta http-equiv=
//! "refresh">` to the page's URL, a canonical link to it (so search engines move
//! their entry), `noindex`, and a visible link for a browser that does not follow
//! the refresh. It has no script (it works under the theme's Content-Security-
//! Policy and on any static host) and no style. `/_redirects` holds one line per
//! alias, `OLD NEW 301`, both paths with `base_url`'s path, sorted by the old path.
//!
//! What it is not: the check that an alias is a path of the site and collides
//! with no page or other alias (`content`), nor where the files go (`urls::alias`,
//! `urls::alias_file`, `urls::REDIRECTS`). The redirect pages are not in the
//! sitemap: the build hands the sitemap the renderer's pages only.

use quick_xml::escape::escape;

use super::Texts;
use crate::model::Site;
use crate::output::OutputFile;
use crate::urls;

/// Every alias's redirect page and `/_redirects` (written even when empty).
pub fn files(site: &Site, texts: &Texts) -> Vec<OutputFile> {
    let mut moves: Vec<(&str, &crate::model::Item)> = site
        .items
        .iter()
        .flat_map(|item| item.aliases.iter().map(move |a| (a.as_str(), item)))
        .collect();
    moves.sort_by(|a, b| a.0.cmp(b.0));
    let config = &site.config;
    let mut list = String::new();
    let mut files = Vec::with_capacity(moves.len() + 1);
    for (alias, item) in moves {
        let link = item.link(config);
        list.push_str(&format!("{} {link} 301\n", config.link(alias)));
        files.push(OutputFile::new(urls::alias_file(alias), page(site, texts, &item.title, &link)));
    }
    files.push(OutputFile::new(urls::REDIRECTS, list));
    files
}

/// The redirect page to `link` (a root-relative link), for a page titled `title`.
fn page(site: &Site, texts: &Texts, title: &str, link: &str) -> String {
    let config = &site.config;
    let absolute = config.absolute(link.strip_prefix(&config.base_path).unwrap_or(link));
    let [moved_title, moved_text] = &texts.moved;
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{moved_title}</title>\n<link rel=\"canonical\" href=\"{absolute}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={link}\">\n</head>\n<body>\n\
         <p>{moved_text} <a href=\"{link}\">{title}</a></p>\n</body>\n</html>\n",
        lang = escape(config.language.as_str()),
        moved_title = escape(moved_title.as_str()),
        absolute = escape(absolute.as_str()),
        link = escape(link),
        moved_text = escape(moved_text.as_str()),
        title = escape(title),
    )
}
