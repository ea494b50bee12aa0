//! "Did you mean": the nearest known names to a misspelt one.

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
            let d = strsim::damerau_levenshtein(&wrong_lower, &c.to_lowercase());
            let prefix = c.len() >= 3
                && wrong_lower.len() >= 3
                && (c.starts_with(&wrong_lower) || wrong_lower.starts_with(c));
            (d <= limit || prefix).then_some((d, c))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// `; did you mean `a`, `b`?` or nothing.
pub(crate) fn did_you_mean<'a, I>(wrong: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    let near = nearest(wrong, candidates);
    if near.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = near.iter().map(|c| format!("`{c}`")).collect();
        format!("; did you mean {}?", list.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        assert_eq!(nearest("titel", ["title", "date", "tags"]), vec!["title"]);
        assert_eq!(nearest("m0042", ["m0041", "m0043", "x"]), vec!["m0041", "m0043"]);
        assert!(nearest("zzzzzz", ["title"]).is_empty());
    }
}
