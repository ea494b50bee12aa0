//! What templates see: borrowed, serializable views of items, built per page.
//!
//! Values a visitor reads are formatted here once (dates, money, labels of
//! enumerations in the page's language, state badges), so every theme shows them
//! the same way and templates stay about layout. The raw values are kept beside
//! the labels (`key`), for themes that want their own wording or CSS classes.

use std::borrow::Cow;

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::Serialize;

use super::i18n::Table;
use super::index::Ix;
use crate::model::{Budget, Contact, DateOrTime, Item, Kind, KindData, State};

/// A date or datetime: machine form for `<time datetime>` and a display form.
#[derive(Debug, Clone, Serialize)]
pub struct When {
    /// `2025-03-18` or RFC 3339 with offset.
    pub iso: String,
    /// `2025-03-18` or `2025-03-18 09:30`.
    pub display: String,
}

impl When {
    /// A calendar date.
    pub fn date(d: Date) -> Self {
        let s = d.to_string();
        Self { iso: s.clone(), display: s }
    }

    /// A date with a time of day.
    pub fn zoned(z: &ZonedDateTime) -> Self {
        Self {
            iso: crate::model::rfc3339(z),
            display: format!("{} {}", z.date(), z.time().strftime("%H:%M")),
        }
    }

    /// Either.
    pub fn of(d: &DateOrTime) -> Self {
        match d {
            DateOrTime::Date(d) => Self::date(*d),
            DateOrTime::DateTime(z) => Self::zoned(z),
        }
    }
}

/// An enumeration value with its label.
#[derive(Debug, Clone, Serialize)]
pub struct Label<'a> {
    /// As editors write it (`joint-lab`).
    pub key: &'a str,
    /// In the page's language (`联合实验室`).
    pub label: &'a str,
}

impl<'a> Label<'a> {
    /// `key` labelled from a section of the strings table.
    pub fn new(t: &'a Table, section: &str, key: &'a str) -> Self {
        Self { key, label: t.label(section, key) }
    }
}

/// A link to another item.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRef<'a> {
    /// Kind folder.
    pub kind: &'static str,
    /// Slug.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Link (with base path).
    pub url: String,
    /// Derived state, if any.
    pub state: Option<&'static str>,
    /// Its label.
    pub state_label: Option<&'a str>,
    /// Language of the item, when it differs from the page's.
    pub lang: Option<&'a str>,
}

/// A taxonomy term on an item.
#[derive(Debug, Clone, Serialize)]
pub struct TermRef<'a> {
    /// URL segment.
    pub slug: Cow<'a, str>,
    /// Label.
    pub label: Cow<'a, str>,
    /// Link.
    pub url: String,
}

/// The label of an item's state in the page's language (a policy that is
/// `upcoming` is "not yet in force", a roadshow "upcoming").
pub fn state_label(t: &Table, kind: Kind, state: State) -> &str {
    let section = if kind == Kind::Policies { "policy_state" } else { "state" };
    t.label(section, state.as_str())
}

/// Formats a money amount: thousands separators, decimals only when needed.
pub fn amount(v: f64) -> String {
    let negative = v < 0.0;
    let v = v.abs();
    let whole = v.trunc() as u64;
    let frac = ((v - v.trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if frac > 0 {
        out.push_str(&format!(".{frac:02}"));
    }
    if negative { format!("-{out}") } else { out }
}

fn currency_symbol(code: &str) -> Cow<'static, str> {
    match code {
        "CNY" | "RMB" => "¥".into(),
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "JP¥".into(),
        "HKD" => "HK$".into(),
        other => format!("{other} ").into(),
    }
}

/// A budget as shown.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetView {
    /// `¥100,000–300,000`, `¥500,000` or `面议`.
    pub text: String,
    /// To be agreed.
    pub negotiable: bool,
    /// ISO currency, when there is an amount.
    pub currency: Option<String>,
}

/// Formats a budget.
pub fn budget(b: &Budget, t: &Table) -> BudgetView {
    match b {
        Budget::Range { min, max, currency } => BudgetView {
            text: format!("{}{}–{}", currency_symbol(currency), amount(*min), amount(*max)),
            negotiable: false,
            currency: Some(currency.clone()),
        },
        Budget::Amount { amount: a, currency } => BudgetView {
            text: format!("{}{}", currency_symbol(currency), amount(*a)),
            negotiable: false,
            currency: Some(currency.clone()),
        },
        Budget::Negotiable { .. } => {
            BudgetView { text: t.get("negotiable").to_owned(), negotiable: true, currency: None }
        }
    }
}

/// A roadshow's time span as one phrase: `2025-03-18 09:30–17:00`, or two full
/// datetimes when it spans days.
pub fn time_span(start: &ZonedDateTime, end: Option<&ZonedDateTime>) -> String {
    let s = When::zoned(start).display;
    match end {
        None => s,
        Some(e) if e.date() == start.date() => format!("{s}–{}", e.time().strftime("%H:%M")),
        Some(e) => format!("{s} – {}", When::zoned(e).display),
    }
}

/// A contact person, only what is set.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView<'a> {
    /// Name.
    pub name: Option<&'a str>,
    /// Email.
    pub email: Option<&'a str>,
    /// Phone.
    pub phone: Option<&'a str>,
    /// `tel:` link of the phone (digits and `+` only).
    pub phone_link: Option<String>,
}

/// A contact as shown.
pub fn contact(c: &Contact) -> ContactView<'_> {
    ContactView {
        name: c.name.as_deref(),
        email: c.email.as_deref(),
        phone: c.phone.as_deref(),
        phone_link: c
            .phone
            .as_deref()
            .map(|p| p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()),
    }
}

/// A short entry in a list of items (listings, home page, term pages, backlinks).
#[derive(Debug, Clone, Serialize)]
pub struct Card<'a> {
    /// Kind folder.
    pub kind: &'static str,
    /// Label of the kind (singular).
    pub kind_label: &'a str,
    /// Slug.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Link.
    pub url: String,
    /// Publication date; `None` for a plain page without one.
    pub date: Option<When>,
    /// Summary (as written or derived).
    pub summary: &'a str,
    /// Derived state.
    pub state: Option<&'static str>,
    /// Its label.
    pub state_label: Option<&'a str>,
    /// A few short facts by kind (type, partners, issuer, deadline, budget, time and place).
    pub facts: Vec<Cow<'a, str>>,
    /// The date that matters most for the kind: deadline, start, issued, else `date`.
    pub key_date: Option<When>,
    /// Language of the item, when it differs from the page's.
    pub lang: Option<&'a str>,
    /// A pinned page of a section (置顶).
    pub pinned: bool,
    /// The cover's small copies (`render::picture`), for `| safe`.
    pub cover_image: Option<String>,
}

/// Inputs shared by every view of a page.
pub struct ViewCtx<'a, 'p> {
    /// Strings of the page's language.
    pub t: &'a Table,
    /// The page's language.
    pub lang: &'p str,
    /// Build's today.
    pub today: Date,
    /// The site's items, for titles of references.
    pub items: &'a [Item],
    /// The site's settings in the page's language tree (for links to items).
    pub config: &'a crate::config::SiteConfig,
    /// `config.link`.
    pub link: &'p dyn Fn(&str) -> String,
}

impl<'a> ViewCtx<'a, '_> {
    /// A reference to item `i`.
    pub fn item_ref(&self, i: Ix) -> ItemRef<'a> {
        let item = &self.items[i];
        let state = item.state(self.today);
        ItemRef {
            kind: item.kind.folder(),
            slug: &item.slug,
            title: &item.title,
            url: item.link(self.config),
            state: state.map(State::as_str),
            state_label: state.map(|s| state_label(self.t, item.kind, s)),
            lang: (item.lang != self.lang).then_some(item.lang.as_str()),
        }
    }

    /// A card for item `i` with its summary.
    pub fn card(
        &self,
        i: Ix,
        summary: &'a str,
        find_member: &dyn Fn(&str) -> Option<Ix>,
    ) -> Card<'a> {
        let item = &self.items[i];
        let t = self.t;
        let state = item.state(self.today);
        let mut facts: Vec<Cow<'a, str>> = Vec::new();
        let member_title = |slug: &'a str| -> Cow<'a, str> {
            match find_member(slug) {
                Some(m) => Cow::Borrowed(self.items[m].title.as_str()),
                None => Cow::Borrowed(slug),
            }
        };
        let mut key_date = item.dated.then(|| When::of(&item.date));
        match &item.data {
            KindData::Member(m) => {
                facts.push(Cow::Borrowed(t.label("member_type", m.member_type.as_str())));
                if !m.expertise.is_empty() {
                    facts.push(Cow::Owned(
                        m.expertise
                            .iter()
                            .take(3)
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                            .join(" / "),
                    ));
                }
            }
            KindData::Case(c) => {
                let partners: Vec<Cow<'a, str>> =
                    c.partners.iter().take(3).map(|p| member_title(p)).collect();
                let mut s = partners.join(" × ");
                if c.partners.len() > 3 {
                    s.push_str(" …");
                }
                facts.push(Cow::Owned(s));
                facts.push(Cow::Owned(
                    c.modes
                        .iter()
                        .map(|m| t.label("mode", m.as_str()))
                        .collect::<Vec<_>>()
                        .join(" / "),
                ));
            }
            KindData::Policy(p) => {
                facts.push(Cow::Owned(p.issuer.join(" / ")));
                facts.push(Cow::Borrowed(t.label("level", p.level.as_str())));
                if let Some(n) = &p.doc_number {
                    facts.push(Cow::Borrowed(n.as_str()));
                }
                key_date = Some(When::date(p.issued));
            }
            KindData::Demand(d) => {
                facts.push(Cow::Borrowed(t.label("need", d.need.as_str())));
                facts.push(member_title(&d.organization));
                facts.push(Cow::Owned(format!("{} {}", t.get("deadline"), d.deadline)));
                if let Some(b) = &d.budget {
                    facts.push(Cow::Owned(format!("{} {}", t.get("budget"), budget(b, t).text)));
                }
                key_date = Some(When::date(d.deadline));
            }
            KindData::Roadshow(r) => {
                facts.push(Cow::Owned(time_span(&r.start, r.end.as_ref())));
                let place = r.venue.as_ref().and_then(|v| v.city.as_deref().or(v.name.as_deref()));
                match (place, &r.online_url) {
                    (Some(p), Some(_)) => {
                        facts.push(Cow::Owned(format!("{p} + {}", t.get("online"))))
                    }
                    (Some(p), None) => facts.push(Cow::Borrowed(p)),
                    (None, Some(_)) => facts.push(Cow::Borrowed(t.get("online"))),
                    (None, None) => {}
                }
                if !r.projects.is_empty() {
                    facts.push(Cow::Owned(t.fmt("projects_count", r.projects.len())));
                }
                key_date = Some(When::zoned(&r.start));
            }
            KindData::Page | KindData::Entry(_) => {}
        }
        facts.retain(|f| !f.is_empty());
        Card {
            kind: item.kind.folder(),
            kind_label: t.label("kind_one", item.kind.folder()),
            slug: &item.slug,
            title: &item.title,
            url: item.link(self.config),
            date: item.dated.then(|| When::of(&item.date)),
            summary,
            state: state.map(State::as_str),
            state_label: state.map(|s| state_label(t, item.kind, s)),
            facts,
            key_date,
            lang: (item.lang != self.lang).then_some(item.lang.as_str()),
            pinned: item.pinned(),
            cover_image: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money() {
        assert_eq!(amount(100000.0), "100,000");
        assert_eq!(amount(1234567.5), "1,234,567.50");
        assert_eq!(amount(999.0), "999");
    }
}
