//! "Did you mean": the nearest known names to a misspelt one.

use super::Message;

/// Up to three candidates close to `wrong`, nearest first. Close means a small
/// edit distance relative to the length, or one being a prefix of the other.
pub(crate) fn nearest<'a, I>(wrong: &str, candidates: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wrong_lower = wrong.to_lowercase();
    let limit = (wrong.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let c_lower = c.to_lowercase();
            let d = strsim::damerau_levenshtein(&wrong_lower, &c_lower);
            let prefix = c.len() >= 3
                && wrong_lower.len() >= 3
                && (c.starts_with(&wrong_lower) || wrong_lower.starts_with(c));
            // The singular of a list field (`industry` for `industries`).
            let plural = singular(&c_lower) == singular(&wrong_lower) && c_lower.len() >= 3;
            (d <= limit || prefix || plural).then_some((if plural { 0 } else { d }, c))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// An English word without its plural ending (`industries`, `industry` →
/// `industr`; `tags` → `tag`), to match a field written in the singular.
fn singular(word: &str) -> &str {
    if let Some(stem) = word.strip_suffix("ies") {
        stem
    } else if let Some(stem) = word.strip_suffix('y') {
        stem
    } else {
        word.strip_suffix('s').unwrap_or(word)
    }
}

/// `did you mean `a`, `b`?`, or nothing when nothing is near.
pub(crate) fn did_you_mean<'a, I>(wrong: &str, candidates: I) -> Option<Message>
where
    I: IntoIterator<Item = &'a str>,
{
    let near = nearest(wrong, candidates);
    (!near.is_empty()).then(|| Message::new("did-you-mean").arg("names", near))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        assert_eq!(nearest("titel", ["title", "date", "tags"]), vec!["title"]);
        assert_eq!(nearest("m0042", ["m0041", "m0043", "x"]), vec!["m0041", "m0043"]);
        assert!(nearest("zzzzzz", ["title"]).is_empty());
        assert_eq!(nearest("industry", ["industries", "regions"]), vec!["industries"]);
        assert_eq!(nearest("policy", ["policies", "partners"]), vec!["policies"]);
    }
}
