//! The alliance site as typed values, after validation: what every renderer and
//! exporter reads. Nothing here does IO, and nothing here can hold a value the
//! content model forbids (enumerations are enums, references are checked slugs).

use std::collections::BTreeMap;

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::Serialize;

use crate::config::SiteConfig;

/// The kinds of content, by top-level folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `content/members/`
    Members,
    /// `content/cases/`
    Cases,
    /// `content/policies/`
    Policies,
    /// `content/demands/`
    Demands,
    /// `content/roadshows/`
    Roadshows,
    /// Anything else: plain pages.
    Pages,
}

impl Kind {
    /// The five kinds with their own folder, listing, feed and JSON export.
    pub const SECTIONS: [Kind; 5] =
        [Kind::Members, Kind::Cases, Kind::Policies, Kind::Demands, Kind::Roadshows];

    /// The folder name, also the URL segment (`cases`).
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Members => "members",
            Kind::Cases => "cases",
            Kind::Policies => "policies",
            Kind::Demands => "demands",
            Kind::Roadshows => "roadshows",
            Kind::Pages => "pages",
        }
    }

    /// The kind whose folder is `name`, if it is one of the five.
    pub fn from_folder(name: &str) -> Option<Kind> {
        Kind::SECTIONS.into_iter().find(|k| k.folder() == name)
    }
}

/// A date, or a date with a time of day in a known offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateOrTime {
    /// `2025-03-18`
    Date(Date),
    /// `2025-03-18T09:30:00+08:00`, or a local time read in the site's timezone.
    DateTime(ZonedDateTime),
}

impl DateOrTime {
    /// The calendar date (in the value's own offset).
    pub fn date(&self) -> Date {
        match self {
            DateOrTime::Date(d) => *d,
            DateOrTime::DateTime(z) => z.date(),
        }
    }

    /// A sort key: dates sort as their midnight in UTC-less terms, datetimes by their date then time.
    pub fn sort_key(&self) -> (Date, jiff::civil::Time) {
        match self {
            DateOrTime::Date(d) => (*d, jiff::civil::Time::midnight()),
            DateOrTime::DateTime(z) => (z.date(), z.time()),
        }
    }

    /// `YYYY-MM-DD` for dates, RFC 3339 with offset for datetimes.
    pub fn to_rfc3339_or_date(&self) -> String {
        match self {
            DateOrTime::Date(d) => d.to_string(),
            DateOrTime::DateTime(z) => rfc3339(z),
        }
    }
}

impl Serialize for DateOrTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339_or_date())
    }
}

/// RFC 3339 with the value's own offset and no zone annotation.
pub fn rfc3339(z: &ZonedDateTime) -> String {
    z.timestamp().display_with_offset(z.offset()).to_string()
}

/// Serializes a `ZonedDateTime` as RFC 3339.
pub fn serialize_zoned<S: serde::Serializer>(z: &ZonedDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(z))
}

fn serialize_opt_zoned<S: serde::Serializer>(
    z: &Option<ZonedDateTime>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match z {
        Some(z) => s.serialize_str(&rfc3339(z)),
        None => s.serialize_none(),
    }
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $(#[doc = $text] $variant),+ }

        impl $name {
            /// Every allowed value as editors write it.
            pub const ALL: &'static [&'static str] = &[$($text),+];

            /// Every value, in the content model's order.
            pub const VARIANTS: &'static [Self] = &[$($name::$variant),+];

            /// The value as editors write it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the editor's spelling.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// What kind of organisation a member is.
    MemberType {
        University = "university", College = "college", Enterprise = "enterprise",
        Association = "association", Government = "government", Institute = "institute",
        Investor = "investor",
    }
);
string_enum!(
    /// What a member brings to partners.
    Offer {
        Research = "research", Talent = "talent", Equipment = "equipment", Training = "training",
        Internships = "internships", Funding = "funding", Consulting = "consulting",
        Venue = "venue", Other = "other",
    }
);
string_enum!(
    /// How partners cooperate in a case.
    Mode {
        OrderTraining = "order-training", Apprenticeship = "apprenticeship",
        InternshipBase = "internship-base", IndustrialCollege = "industrial-college",
        JointLab = "joint-lab", JointRnd = "joint-rnd", TechTransfer = "tech-transfer",
        TrainingBase = "training-base", TeacherExchange = "teacher-exchange", Other = "other",
    }
);
string_enum!(
    /// How deep a cooperation goes.
    Depth { Shallow = "shallow", Middle = "middle", Deep = "deep" }
);
string_enum!(
    /// Which government level issued a policy.
    PolicyLevel {
        National = "national", Provincial = "provincial", Municipal = "municipal",
        County = "county", Park = "park",
    }
);
string_enum!(
    /// A policy's status as editors may set it.
    PolicyStatus { InForce = "in-force", Amended = "amended", Repealed = "repealed" }
);
string_enum!(
    /// The kind of a policy incentive.
    IncentiveKind {
        Tax = "tax", Funding = "funding", Land = "land", Credit = "credit", Talent = "talent",
        Other = "other",
    }
);
string_enum!(
    /// What a demand seeks.
    Need {
        Technology = "technology", Talent = "talent", Equipment = "equipment",
        Training = "training", JointRnd = "joint-rnd", Consulting = "consulting",
    }
);
string_enum!(
    /// A demand's status as editors set it.
    DemandStatus { Open = "open", InTalks = "in-talks", Matched = "matched", Closed = "closed" }
);
string_enum!(
    /// A roadshow's status as editors set it.
    RoadshowStatus {
        Scheduled = "scheduled", Postponed = "postponed", Cancelled = "cancelled",
        MovedOnline = "moved-online",
    }
);
string_enum!(
    /// What a pitched project seeks.
    Seeking {
        Investment = "investment", Licensing = "licensing", Partner = "partner",
        Customers = "customers",
    }
);

/// The derived status of an item, as shown to visitors and exported as `state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Demand open, deadline not passed.
    Open,
    /// Demand open, deadline passed.
    Expired,
    /// Demand in talks.
    InTalks,
    /// Demand matched.
    Matched,
    /// Demand closed.
    Closed,
    /// Roadshow in the future, or policy not yet effective.
    Upcoming,
    /// Roadshow over.
    Past,
    /// Roadshow cancelled.
    Cancelled,
    /// Roadshow postponed.
    Postponed,
    /// Policy in force.
    InForce,
    /// Policy amended.
    Amended,
    /// Policy repealed.
    Repealed,
}

impl State {
    /// The states a demand can be in, open ones first.
    pub const OF_DEMANDS: [State; 5] =
        [State::Open, State::Expired, State::InTalks, State::Matched, State::Closed];
    /// The states a policy can be in, in force first.
    pub const OF_POLICIES: [State; 5] =
        [State::InForce, State::Upcoming, State::Expired, State::Amended, State::Repealed];

    /// The exported spelling (`in-force`).
    pub fn as_str(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Expired => "expired",
            State::InTalks => "in-talks",
            State::Matched => "matched",
            State::Closed => "closed",
            State::Upcoming => "upcoming",
            State::Past => "past",
            State::Cancelled => "cancelled",
            State::Postponed => "postponed",
            State::InForce => "in-force",
            State::Amended => "amended",
            State::Repealed => "repealed",
        }
    }
}

/// A person to contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// An organisation of the alliance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// What kind of organisation.
    #[serde(rename = "type")]
    pub member_type: MemberType,
    /// Its own website.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// When it joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joined: Option<Date>,
    /// Whom to contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// What it brings to partners.
    pub offers: Vec<Offer>,
    /// Free keywords of what it is good at.
    pub expertise: Vec<String>,
}

/// A measured result of a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// What was measured.
    pub label: String,
    /// How much (integer or decimal, as written).
    pub value: serde_json::Number,
    /// Unit, e.g. `人`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A case study of cooperation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    /// Member slugs, at least two.
    pub partners: Vec<String>,
    /// Cooperation modes.
    pub modes: Vec<Mode>,
    /// Depth of cooperation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<Depth>,
    /// Start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<Date>,
    /// End.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<Date>,
    /// Measured results.
    pub outcomes: Vec<Outcome>,
    /// Policy slugs the case used.
    pub policies: Vec<String>,
}

/// One incentive a policy offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incentive {
    /// Its kind.
    pub kind: IncentiveKind,
    /// What it says.
    pub text: String,
}

/// A policy summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// Issuing authorities (always a list here).
    pub issuer: Vec<String>,
    /// Document number, e.g. `赣府发〔2024〕12号`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// Government level.
    pub level: PolicyLevel,
    /// Date issued.
    pub issued: Date,
    /// Date it takes effect (defaults to `issued`).
    pub effective: Date,
    /// Date it expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
    /// Status set by the editor, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<PolicyStatus>,
    /// Incentives.
    pub incentives: Vec<Incentive>,
    /// Full text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

/// A demand's budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Budget {
    /// A range.
    Range {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
        /// ISO currency, default CNY.
        currency: String,
    },
    /// A fixed amount.
    Amount {
        /// The amount.
        amount: f64,
        /// ISO currency, default CNY.
        currency: String,
    },
    /// To be agreed.
    Negotiable {
        /// Always true.
        negotiable: bool,
    },
}

/// A demand release.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Demand {
    /// What is sought.
    pub need: Need,
    /// Member slug of who seeks it.
    pub organization: String,
    /// Last day for proposals.
    pub deadline: Date,
    /// Status as set (default open).
    pub status: DemandStatus,
    /// Budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// Technology readiness level sought.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trl: Option<u8>,
    /// Whom to contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// Where a roadshow happens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Venue {
    /// Name of the place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Street address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
}

/// How to register for a roadshow.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Registration {
    /// Registration link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Last day to register.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// Seats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

/// A project pitched at a roadshow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Project {
    /// Project title.
    pub title: String,
    /// Member slug of the team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// What it seeks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seeking: Option<Seeking>,
    /// Technology readiness level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trl: Option<u8>,
    /// Short description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// A roadshow listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roadshow {
    /// When it starts.
    #[serde(serialize_with = "serialize_zoned")]
    pub start: ZonedDateTime,
    /// When it ends.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize_opt_zoned")]
    pub end: Option<ZonedDateTime>,
    /// Status as set (default scheduled).
    pub status: RoadshowStatus,
    /// Organizing member slugs (always a list here).
    pub organizer: Vec<String>,
    /// Where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue: Option<Venue>,
    /// Online link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online_url: Option<String>,
    /// Registration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
    /// Pitched projects.
    pub projects: Vec<Project>,
}

/// What only one kind has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum KindData {
    /// A member.
    Member(Member),
    /// A case.
    Case(Case),
    /// A policy.
    Policy(Policy),
    /// A demand.
    Demand(Demand),
    /// A roadshow.
    Roadshow(Roadshow),
    /// A plain page has nothing more.
    Page,
}

/// One content file after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Which kind.
    pub kind: Kind,
    /// URL segment; unique within the kind. For plain pages, the last path segment.
    pub slug: String,
    /// Site-relative path of the source (`content/cases/x.md`), for messages.
    pub source: String,
    /// Path part of the URL below `base_url`, without leading `/`, ending in `/`
    /// (`cases/x/`, `join/how/`).
    pub rel_url: String,
    /// Title.
    pub title: String,
    /// Publication date. A plain page may leave it out: then it is 1970-01-01 and
    /// `dated` is false, and nothing shows or exports it.
    pub date: DateOrTime,
    /// Whether the file sets `date`.
    pub dated: bool,
    /// Last substantive change.
    pub updated: Option<DateOrTime>,
    /// Summary as written.
    pub summary: Option<String>,
    /// Draft items are left out unless asked for.
    pub draft: bool,
    /// Industry term slugs.
    pub industries: Vec<String>,
    /// Region term slugs.
    pub regions: Vec<String>,
    /// Free tags as written.
    pub tags: Vec<String>,
    /// BCP 47 language (the site's when unset).
    pub lang: String,
    /// Whether `lang` was set in the file.
    pub lang_set: bool,
    /// Cover image path.
    pub cover: Option<String>,
    /// Cover image text.
    pub cover_alt: Option<String>,
    /// Free data for templates.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The Markdown body.
    pub body: String,
    /// How many lines of the file come before the body (for positions in the body).
    pub body_line_offset: usize,
    /// Kind-specific fields.
    pub data: KindData,
}

impl Item {
    /// The derived status shown to visitors, if the kind has one.
    pub fn state(&self, today: Date) -> Option<State> {
        match &self.data {
            KindData::Demand(d) => Some(match d.status {
                DemandStatus::Open if d.deadline < today => State::Expired,
                DemandStatus::Open => State::Open,
                DemandStatus::InTalks => State::InTalks,
                DemandStatus::Matched => State::Matched,
                DemandStatus::Closed => State::Closed,
            }),
            KindData::Roadshow(r) => Some(match r.status {
                RoadshowStatus::Cancelled => State::Cancelled,
                RoadshowStatus::Postponed => State::Postponed,
                _ => {
                    let last_day = r.end.as_ref().unwrap_or(&r.start).date();
                    if last_day < today { State::Past } else { State::Upcoming }
                }
            }),
            KindData::Policy(p) => Some(match p.status {
                Some(PolicyStatus::Amended) => State::Amended,
                Some(PolicyStatus::Repealed) => State::Repealed,
                Some(PolicyStatus::InForce) => State::InForce,
                None if today < p.effective => State::Upcoming,
                None if p.expires.is_some_and(|e| e < today) => State::Expired,
                None => State::InForce,
            }),
            _ => None,
        }
    }

    /// The newest of `updated` and `date`, for feeds and calendars.
    pub fn last_changed(&self) -> &DateOrTime {
        self.updated.as_ref().unwrap_or(&self.date)
    }

    /// The member data, if this is a member.
    pub fn as_member(&self) -> Option<&Member> {
        match &self.data {
            KindData::Member(m) => Some(m),
            _ => None,
        }
    }
}

/// Title and intro of a kind's listing page (`content/cases/_index.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Intro {
    /// Site-relative source path.
    pub source: String,
    /// Listing title.
    pub title: Option<String>,
    /// Intro Markdown.
    pub body: String,
    /// Lines before the body.
    pub body_line_offset: usize,
    /// Free data for templates.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The whole validated site.
#[derive(Debug, Clone)]
pub struct Site {
    /// `site.toml`.
    pub config: SiteConfig,
    /// Every published item of every kind, plain pages included, in source path order.
    pub items: Vec<Item>,
    /// Listing intros by kind.
    pub intros: BTreeMap<Kind, Intro>,
    /// "Today" for everything date-dependent.
    pub today: Date,
    lookup: std::collections::HashMap<(Kind, String), usize>,
}

impl Site {
    /// A site from checked parts.
    pub fn new(
        config: SiteConfig,
        items: Vec<Item>,
        intros: BTreeMap<Kind, Intro>,
        today: Date,
    ) -> Self {
        let lookup =
            items.iter().enumerate().map(|(i, item)| ((item.kind, item.slug.clone()), i)).collect();
        Self { config, items, intros, today, lookup }
    }

    /// Items of one kind, in source path order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.kind == kind)
    }

    /// The item of `kind` with `slug`.
    pub fn find(&self, kind: Kind, slug: &str) -> Option<&Item> {
        self.lookup.get(&(kind, slug.to_owned())).map(|&i| &self.items[i])
    }
}
