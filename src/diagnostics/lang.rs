//! The language of qiao's own messages (errors, warnings, progress), and how it is
//! chosen: `--lang`, else `QIAO_LANG`, else the site's `language`, else the
//! system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.

/// A language qiao speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// `en` or `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// A language tag or locale name (`zh`, `zh-Hans-CN`, `zh_CN.UTF-8`, `en_US`):
    /// the language qiao speaks for it, if any.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary: String = tag
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        match primary.as_str() {
            "zh" | "chinese" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a locale setting. `C` and `POSIX` mean "not set".
    fn from_locale(value: &str) -> Option<Lang> {
        let v = value.trim();
        if v.is_empty() || v == "C" || v.starts_with("C.") || v == "POSIX" {
            return None;
        }
        // A locale qiao does not speak (`fr_FR`) is still a choice: English.
        Some(Lang::from_tag(v).unwrap_or(Lang::En))
    }

    /// The language to speak: the flag, else `QIAO_LANG`, else the site's language,
    /// else the locale (`env` reads a variable: `LC_ALL`, `LC_MESSAGES`, `LANG`,
    /// the first one set), else English.
    pub fn choose(
        flag: Option<Lang>,
        site_language: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Lang {
        if let Some(l) = flag {
            return l;
        }
        if let Some(l) = env("QIAO_LANG").as_deref().and_then(Lang::from_tag) {
            return l;
        }
        if let Some(tag) = site_language.filter(|s| !s.trim().is_empty()) {
            // A site in a language qiao does not speak: English.
            return Lang::from_tag(tag).unwrap_or(Lang::En);
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(value) = env(var).filter(|v| !v.is_empty()) {
                return Lang::from_locale(&value).unwrap_or(Lang::En);
            }
        }
        Lang::En
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            _ => Err(format!("`{s}` is not a language qiao speaks: use zh or en")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn flag_then_env_then_site_then_locale() {
        let none: &[(&str, &str)] = &[];
        assert_eq!(Lang::choose(Some(Lang::En), Some("zh"), env(&[("QIAO_LANG", "zh")])), Lang::En);
        assert_eq!(Lang::choose(None, Some("en"), env(&[("QIAO_LANG", "zh")])), Lang::Zh);
        assert_eq!(Lang::choose(None, Some("zh-Hans"), env(&[("LANG", "en_US.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::choose(None, Some("fr"), env(&[("LANG", "zh_CN.UTF-8")])), Lang::En);
        assert_eq!(Lang::choose(None, None, env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::choose(None, None, env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(Lang::choose(None, None, env(&[("LC_MESSAGES", "zh_TW")])), Lang::Zh);
        assert_eq!(Lang::choose(None, None, env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(Lang::choose(None, None, env(none)), Lang::En);
        // A QIAO_LANG qiao does not speak is passed over.
        assert_eq!(Lang::choose(None, Some("zh"), env(&[("QIAO_LANG", "fr")])), Lang::Zh);
    }
}
