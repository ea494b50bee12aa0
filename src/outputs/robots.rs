//! `robots.txt`: everything may be crawled, and the sitemap is named with its
//! absolute URL (crawlers require it absolute, and `base_url` may carry a path).

use crate::model::Site;
use crate::output::OutputFile;
use crate::urls;

/// `robots.txt`.
pub(crate) fn robots(site: &Site) -> OutputFile {
    let text =
        format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.config.absolute(urls::SITEMAP));
    OutputFile::new(urls::ROBOTS, text)
}
