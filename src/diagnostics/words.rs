//! The words of every message, in every language qiao speaks: Project Fluent
//! resources (`messages/en.ftl`, `messages/zh.ftl`) compiled into the binary. A
//! diagnostic's id is its code (`E0203`), with attributes `.explain`, `.wrong` and
//! `.right` for `qiao explain`; other ids word the pieces a message is made of
//! (`did-you-mean`, `type-string`, …), the progress lines and the count.
//!
//! What it is not: which problem a diagnostic is (that is its [`Code`](super::Code)
//! and its arguments, decided where it is found); words are chosen only when a
//! diagnostic is printed.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::{Arg, Lang};

/// The English messages.
pub(crate) const EN: &str = include_str!("messages/en.ftl");
/// The Chinese messages.
pub(crate) const ZH: &str = include_str!("messages/zh.ftl");

type Bundle = FluentBundle<FluentResource>;

/// The source text of a language's messages.
pub(crate) fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Zh => ZH,
    }
}

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    let all = BUNDLES.get_or_init(|| [make(Lang::En), make(Lang::Zh)]);
    match lang {
        Lang::En => &all[0],
        Lang::Zh => &all[1],
    }
}

fn make(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier =
        lang.code().parse().unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: messages go to terminals and
    // JSON, where they would show as stray characters.
    b.set_use_isolating(false);
    // A syntax error in a resource leaves out that entry; `tests` fails on any.
    let resource = FluentResource::try_new(source(lang).to_owned()).unwrap_or_else(|(r, _)| r);
    let _ = b.add_resource(resource);
    b
}

/// Whether `lang` has the message `id` (and its attribute `attr`).
pub(crate) fn has(lang: Lang, id: &str, attr: Option<&str>) -> bool {
    let Some(m) = bundle(lang).get_message(id) else { return false };
    match attr {
        Some(a) => m.get_attribute(a).is_some(),
        None => m.value().is_some(),
    }
}

/// The words of message `id` (or its attribute `attr`) in `lang`, with `args`
/// filled in; English when `lang` lacks it, the id itself when both do.
pub(crate) fn word(
    lang: Lang,
    id: &str,
    attr: Option<&str>,
    args: &[(&'static str, Arg)],
) -> String {
    let lang = if has(lang, id, attr) { lang } else { Lang::En };
    let bundle = bundle(lang);
    let Some(message) = bundle.get_message(id) else { return id.to_owned() };
    let pattern = match attr {
        Some(a) => message.get_attribute(a).map(|a| a.value()),
        None => message.value(),
    };
    let Some(pattern) = pattern else { return id.to_owned() };
    let mut fluent_args = FluentArgs::new();
    for (name, arg) in args {
        let value: FluentValue<'_> = match arg {
            Arg::Num(n) => FluentValue::from(*n),
            other => FluentValue::from(other.word(lang)),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(errors.is_empty(), "{id}: {errors:?}");
    text.into_owned()
}

/// The ids and attributes a resource defines, and its syntax errors (for tests).
#[cfg(test)]
pub(crate) fn entries(lang: Lang) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    use fluent_syntax::ast::Entry;
    let (resource, errors) = match FluentResource::try_new(source(lang).to_owned()) {
        Ok(r) => (r, Vec::new()),
        Err((r, e)) => (r, e.iter().map(|e| format!("{e:?}")).collect()),
    };
    let list = resource
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => Some((
                m.id.name.to_owned(),
                m.attributes.iter().map(|a| a.id.name.to_owned()).collect(),
            )),
            _ => None,
        })
        .collect();
    (list, errors)
}
