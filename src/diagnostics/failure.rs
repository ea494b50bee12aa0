//! A failure of qiao's own that is not about the site's content: a file that
//! cannot be read or written, an output folder qiao may not replace. It travels
//! inside an `anyhow::Error` like any other error, but carries the id of its words
//! in the message tables instead of English text, so the command line says it in
//! the chosen language ([`word_error`]). Problems in the site's files are
//! [`Diagnostic`](super::Diagnostic)s, not failures.

use std::fmt;

use super::{Arg, Lang, Message};

/// What failed, worded from the message tables, and the system's error under it.
#[derive(Debug)]
pub(crate) struct Failure {
    message: Message,
    cause: Option<std::io::Error>,
}

impl Failure {
    /// The failure `id` (a message id such as `io-cannot-write`).
    pub(crate) fn new(id: &'static str) -> Self {
        Self { message: Message::new(id), cause: None }
    }

    /// Adds an argument of the message.
    pub(crate) fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.message = self.message.arg(name, value);
        self
    }

    /// The system's error that caused it.
    pub(crate) fn io(mut self, cause: std::io::Error) -> Self {
        self.cause = Some(cause);
        self
    }

    /// The words in `lang`, with the system's error named the same way.
    pub(crate) fn word(&self, lang: Lang) -> String {
        let mut text = self.message.word(lang);
        if let Some(cause) = &self.cause {
            text.push_str(match lang {
                Lang::En => ": ",
                Lang::Zh => "：",
            });
            text.push_str(&io_words(cause, lang));
        }
        text
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.word(Lang::En))
    }
}

impl std::error::Error for Failure {}

/// The system's error in `lang`: the common kinds worded, the rest as the system
/// says them (with its number, which a search engine finds in any language).
fn io_words(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let id = match e.kind() {
        K::NotFound => "io-kind-not-found",
        K::PermissionDenied => "io-kind-permission-denied",
        K::StorageFull => "io-kind-storage-full",
        K::ReadOnlyFilesystem => "io-kind-read-only",
        K::QuotaExceeded => "io-kind-quota",
        K::AlreadyExists => "io-kind-exists",
        K::IsADirectory => "io-kind-is-a-folder",
        K::NotADirectory => "io-kind-not-a-folder",
        K::DirectoryNotEmpty => "io-kind-folder-not-empty",
        K::CrossesDevices => "io-kind-crosses-devices",
        K::AddrInUse => "io-kind-address-in-use",
        K::AddrNotAvailable => "io-kind-address-not-available",
        _ => return e.to_string(),
    };
    match e.raw_os_error() {
        Some(n) => format!("{} (os error {n})", Message::new(id).word(lang)),
        None => Message::new(id).word(lang),
    }
}

/// An error of any stage in `lang`: a [`Failure`] anywhere in its chain is worded
/// from the tables (with the contexts above it); any other error as it says itself.
pub(crate) fn word_error(e: &anyhow::Error, lang: Lang) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            parts.push(f.word(lang));
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(match lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_worded_in_either_language_with_the_system_error() {
        let e = std::io::Error::from_raw_os_error(28);
        let f = Failure::new("io-cannot-write").arg("path", "public/index.html").io(e);
        assert_eq!(
            f.word(Lang::En),
            "cannot write public/index.html: the disk is full (os error 28)"
        );
        assert_eq!(f.word(Lang::Zh), "无法写入 public/index.html：磁盘已满 (os error 28)");
        let wrapped = anyhow::Error::new(f);
        assert!(word_error(&wrapped, Lang::Zh).starts_with("无法写入"));
        let plain = anyhow::anyhow!("something else");
        assert_eq!(word_error(&plain, Lang::Zh), "something else");
    }
}
