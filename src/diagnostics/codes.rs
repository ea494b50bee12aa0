//! Every diagnostic's stable code. The number's first two digits name the area
//! (01 files and TOML syntax, 02 fields, 03 references across files, 04 Markdown
//! bodies and links, 05 `site.toml`, 06 templates and the theme, 07 reading files,
//! 09 spreadsheets);
//! `E` codes are errors, `W` codes warnings (which do not fail a build). A code
//! never changes meaning and is never reused; its words, in every language, are in
//! `messages/<lang>.ftl` under the same id, with its explanation and a wrong and a
//! right example (`qiao explain CODE`, `docs/errors.md`).

use super::Severity;

macro_rules! codes {
    ($($code:ident,)*) => {
        /// A diagnostic's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[allow(missing_docs)]
                $code,
            )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            /// `E0101`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }
        }
    };
}

codes! {
    // 01 files and front matter: encoding, the `+++` lines, TOML syntax, the
    // mistakes a Chinese keyboard makes.
    E0101, E0102, E0103, E0104, E0105, E0106, E0107, E0108, E0109, E0110, E0111, E0112,
    E0113,
    // 02 fields: required, unknown, types, values, ranges, the rules of one file.
    E0201, E0202, E0203, E0204, E0205, E0206, E0207, E0208, E0209, E0210, E0211, E0212,
    E0213, E0214, E0215, E0216, E0217, E0218, E0219, E0220, E0221, E0222, E0223, E0224,
    E0225, E0226, E0227, E0228, E0229, E0230,
    // 02 sections: a page of a section without `date`, `pinned` outside a section.
    E0231, E0232,
    // 02 translations (`x.en.md`): a fact set in a translation, no original, a
    // language site.toml does not declare, more entries than the original, a page
    // in the folder of another language.
    E0240, E0241, E0242, E0243, E0244,
    // 03 across files: references, slugs and URLs, covers, taxonomy terms.
    E0301, E0302, E0303, E0304, E0305, E0306, E0307, E0308, W0309, W0310,
    // 03 (hosts): aliases that are no site path or collide; a page URL of the last
    // build that vanished (an error under `build --strict`).
    E0320, E0321, E0322, E0323, E0324, W0330,
    // an industry or region outside the list site.toml labels.
    E0335,
    // 04 Markdown bodies: links and nesting.
    E0401, E0402, E0403, E0404, E0405, E0406, E0407,
    // 05 site.toml.
    E0501, E0502, E0503, E0504, E0505, E0506, E0507,
    // 05 site.toml's `[[menu]]`: a path of the site that the build does not make.
    E0508,
    // 05 site.toml's `[languages.<code>]`: not a language tag, or the default language.
    E0509,
    // 06 templates, interface strings and the theme.
    E0601, E0602, E0603, E0604, E0605, E0606, E0607, E0608, E0609,
    // 07 reading files.
    E0701, E0702, E0703, E0704, E0705, E0706, E0707,
    // 08 images: named images that cannot be published, the [images] settings.
    E0801, E0802, E0803, E0804, E0805, E0806, E0807,
    // 09 spreadsheets: `qiao import` and `qiao export`.
    E0901, E0902, E0903, E0904, E0905, E0906, E0907, E0908, E0909, E0910, E0911, E0912,
    E0914, E0915, E0916, E0917, E0918,
}

impl Code {
    /// Errors fail a build; warnings are printed and do not.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('W') { Severity::Warning } else { Severity::Error }
    }

    /// The area (`01` … `07`): the id of its name in the messages (`area-01`).
    pub(crate) fn area(self) -> &'static str {
        &self.as_str()[1..3]
    }

    /// A code as written by a person: `E0203`, `e0203`, ` E0203 `.
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim();
        Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(s))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
