//! The alliance site as typed values, after validation: what every renderer and
//! exporter reads. Nothing here does IO, and nothing here can hold a value the
//! content model forbids (enumerations are enums, references are checked slugs).
//!
//! What it is not: the rules that make a value valid (`content`), or how a value
//! is shown (labels and words are the theme's, URLs beyond an item's own are
//! `urls`'). The date value is `source::date`'s, re-exported here.

use std::collections::BTreeMap;

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::Serialize;

use crate::config::SiteConfig;
pub(crate) use crate::source::date::{DateOrTime, rfc3339};

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
    /// The front-matter fields of this kind besides those every kind has, in the
    /// content model's order: what `content` accepts in a file of this kind.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Members => {
                &["type", "website", "joined", "contact", "offers", "expertise", "logo", "logo_alt"]
            }
            Kind::Cases => {
                &["partners", "modes", "depth", "started", "ended", "outcomes", "policies"]
            }
            Kind::Policies => &[
                "issuer",
                "doc_number",
                "level",
                "issued",
                "effective",
                "expires",
                "status",
                "incentives",
                "source_url",
            ],
            Kind::Demands => {
                &["need", "organization", "deadline", "status", "budget", "trl", "contact"]
            }
            Kind::Roadshows => &[
                "start",
                "end",
                "status",
                "organizer",
                "venue",
                "online_url",
                "registration",
                "projects",
            ],
            Kind::Pages => &[],
        }
    }

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

/// Serializes a `ZonedDateTime` as RFC 3339.
pub(crate) fn serialize_zoned<S: serde::Serializer>(
    z: &ZonedDateTime,
    s: S,
) -> Result<S::Ok, S::Error> {
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
            pub(crate) const ALL: &'static [&'static str] = &[$($text),+];

            /// Every value, in the content model's order.
            #[allow(dead_code, reason = "made for every enumeration; the statistics and the finder use it for some")]
            pub(crate) const VARIANTS: &'static [Self] = &[$($name::$variant),+];

            /// The value as editors write it.
            pub(crate) fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the editor's spelling.
            pub(crate) fn parse(s: &str) -> Option<Self> {
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
    pub(crate) const OF_DEMANDS: [State; 5] =
        [State::Open, State::Expired, State::InTalks, State::Matched, State::Closed];
    /// The states a policy can be in, in force first.
    pub(crate) const OF_POLICIES: [State; 5] =
        [State::InForce, State::Upcoming, State::Expired, State::Amended, State::Repealed];

    /// The exported spelling (`in-force`).
    pub(crate) fn as_str(self) -> &'static str {
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
    pub(crate) name: Option<String>,
    /// Email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) email: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) phone: Option<String>,
}

/// An organisation of the alliance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// What kind of organisation.
    #[serde(rename = "type")]
    pub(crate) member_type: MemberType,
    /// Its own website.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) website: Option<String>,
    /// When it joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) joined: Option<Date>,
    /// Whom to contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) contact: Option<Contact>,
    /// What it brings to partners.
    pub(crate) offers: Vec<Offer>,
    /// Free keywords of what it is good at.
    pub(crate) expertise: Vec<String>,
    /// The organisation's logo: a site path under `static/`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) logo: Option<String>,
    /// What the logo shows; the member's title when not written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) logo_alt: Option<String>,
}

/// A measured result of a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Outcome {
    /// What was measured.
    pub(crate) label: String,
    /// How much (integer or decimal, as written).
    pub(crate) value: serde_json::Number,
    /// Unit, e.g. `人`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) unit: Option<String>,
}

/// A case study of cooperation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    /// Member slugs, at least two.
    pub(crate) partners: Vec<String>,
    /// Cooperation modes.
    pub(crate) modes: Vec<Mode>,
    /// Depth of cooperation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) depth: Option<Depth>,
    /// Start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) started: Option<Date>,
    /// End.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) ended: Option<Date>,
    /// Measured results.
    pub(crate) outcomes: Vec<Outcome>,
    /// Policy slugs the case used.
    pub(crate) policies: Vec<String>,
}

/// One incentive a policy offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Incentive {
    /// Its kind.
    pub(crate) kind: IncentiveKind,
    /// What it says.
    pub(crate) text: String,
}

/// A policy summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// Issuing authorities (always a list here).
    pub(crate) issuer: Vec<String>,
    /// Document number, e.g. `赣府发〔2024〕12号`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) doc_number: Option<String>,
    /// Government level.
    pub(crate) level: PolicyLevel,
    /// Date issued.
    pub(crate) issued: Date,
    /// Date it takes effect (defaults to `issued`).
    pub(crate) effective: Date,
    /// Date it expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) expires: Option<Date>,
    /// Status set by the editor, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) status: Option<PolicyStatus>,
    /// Incentives.
    pub(crate) incentives: Vec<Incentive>,
    /// Full text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) source_url: Option<String>,
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
    pub(crate) need: Need,
    /// Member slug of who seeks it.
    pub(crate) organization: String,
    /// Last day for proposals.
    pub(crate) deadline: Date,
    /// Status as set (default open).
    pub(crate) status: DemandStatus,
    /// Budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) budget: Option<Budget>,
    /// Technology readiness level sought.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) trl: Option<u8>,
    /// Whom to contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) contact: Option<Contact>,
}

/// Where a roadshow happens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Venue {
    /// Name of the place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    /// Street address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) address: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) city: Option<String>,
}

/// How to register for a roadshow.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Registration {
    /// Registration link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<String>,
    /// Last day to register.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) deadline: Option<Date>,
    /// Seats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) capacity: Option<u32>,
}

/// A project pitched at a roadshow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Project {
    /// Project title.
    pub(crate) title: String,
    /// Member slug of the team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) team: Option<String>,
    /// What it seeks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) seeking: Option<Seeking>,
    /// Technology readiness level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) trl: Option<u8>,
    /// Short description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<String>,
}

/// A roadshow listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roadshow {
    /// When it starts.
    #[serde(serialize_with = "serialize_zoned")]
    pub(crate) start: ZonedDateTime,
    /// When it ends.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize_opt_zoned")]
    pub(crate) end: Option<ZonedDateTime>,
    /// Status as set (default scheduled).
    pub(crate) status: RoadshowStatus,
    /// Organizing member slugs (always a list here).
    pub(crate) organizer: Vec<String>,
    /// Where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) venue: Option<Venue>,
    /// Online link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) online_url: Option<String>,
    /// Registration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) registration: Option<Registration>,
    /// Pitched projects.
    pub(crate) projects: Vec<Project>,
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
    /// A page of a section (`content/news/x.md`).
    Entry(Entry),
}

/// What a page of a section has besides the common fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The section's folder (`news`).
    pub(crate) section: String,
    /// 置顶: listed first in its section's listing and home page block.
    pub(crate) pinned: bool,
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
    pub(crate) title: String,
    /// Publication date. A plain page may leave it out: then it is 1970-01-01 and
    /// `dated` is false, and nothing shows or exports it.
    pub date: DateOrTime,
    /// Whether the file sets `date`.
    pub(crate) dated: bool,
    /// Last substantive change.
    pub(crate) updated: Option<DateOrTime>,
    /// Summary as written.
    pub(crate) summary: Option<String>,
    /// Draft items are left out unless asked for.
    pub(crate) draft: bool,
    /// Industry term slugs.
    pub(crate) industries: Vec<String>,
    /// Region term slugs.
    pub(crate) regions: Vec<String>,
    /// Free tags as written.
    pub(crate) tags: Vec<String>,
    /// BCP 47 language (the site's when unset).
    pub(crate) lang: String,
    /// Whether `lang` was set in the file.
    pub(crate) lang_set: bool,
    /// Cover image path.
    pub(crate) cover: Option<String>,
    /// Cover image text.
    pub(crate) cover_alt: Option<String>,
    /// Old paths that redirect here, as site paths (`old/path/`, `old.html`; see
    /// `urls::alias`), in the file's order.
    pub(crate) aliases: Vec<String>,
    /// Free data for templates.
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
    /// The Markdown body, shared by the item's copies in each language's tree.
    pub(crate) body: std::sync::Arc<str>,
    /// How many lines of the file come before the body (for positions in the body).
    pub(crate) body_line_offset: usize,
    /// Kind-specific fields.
    pub data: KindData,
    /// The folder of the language tree its page is in (`` for the site's
    /// language, `en/`); `rel_url` is below it. In another language's tree an
    /// item without a translation there keeps its own tree: it is linked to, not
    /// listed (see [`Site::is_here`]).
    pub(crate) tree: String,
    /// Every language the item is published in, as `(language, tree)`, the
    /// original's first: the `hreflang` alternates of its page. Empty on a site
    /// with one language.
    pub(crate) versions: Vec<(String, String)>,
    /// Of a translation: its original's source path (`content/cases/x.md`), which
    /// Markdown links in its language name it by.
    pub(crate) original_source: Option<String>,
}

impl Item {
    /// The derived status shown to visitors, if the kind has one.
    pub(crate) fn state(&self, today: Date) -> Option<State> {
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
    pub(crate) fn last_changed(&self) -> &DateOrTime {
        self.updated.as_ref().unwrap_or(&self.date)
    }

    /// The section's folder, if this is a page of a section.
    pub(crate) fn section(&self) -> Option<&str> {
        match &self.data {
            KindData::Entry(e) => Some(&e.section),
            _ => None,
        }
    }

    /// Whether the item is a page of a section set `pinned = true`.
    pub(crate) fn pinned(&self) -> bool {
        matches!(&self.data, KindData::Entry(e) if e.pinned)
    }

    /// The root-relative link to the item's page from any page of the site
    /// (`/alliance/en/cases/x/`), in whichever language tree it is.
    pub(crate) fn link(&self, config: &SiteConfig) -> String {
        config.root_link(&format!("{}{}", self.tree, self.rel_url))
    }

    /// The absolute URL of the item's page.
    pub(crate) fn permalink(&self, config: &SiteConfig) -> String {
        config.root_absolute(&format!("{}{}", self.tree, self.rel_url))
    }

    /// The member data, if this is a member.
    pub(crate) fn as_member(&self) -> Option<&Member> {
        match &self.data {
            KindData::Member(m) => Some(m),
            _ => None,
        }
    }
}

/// One translation of an item or a plain page (`content/cases/x.en.md` of
/// `content/cases/x.md`): the text a translator translates, nothing else. The
/// facts (dates, slugs, references, enumerations, numbers, URLs, `industries`,
/// `regions`) are the original's; `content` refuses a translation that sets one.
/// A field left out keeps the original's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The language (`en`), from the file name; a language `site.toml` declares.
    pub(crate) lang: String,
    /// Site-relative path of the translation (`content/cases/x.en.md`).
    pub(crate) source: String,
    /// The original's URL below its language's root (`cases/x/`): the key that
    /// pairs them.
    pub(crate) original_url: String,
    /// Title.
    pub(crate) title: String,
    /// Summary as written.
    pub(crate) summary: Option<String>,
    /// Held back until ready, as a draft item is.
    pub(crate) draft: bool,
    /// Free tags, when the translation lists its own.
    pub(crate) tags: Option<Vec<String>>,
    /// What the cover shows.
    pub(crate) cover_alt: Option<String>,
    /// A member's `logo_alt`.
    pub(crate) logo_alt: Option<String>,
    /// A member's `expertise` keywords, when translated.
    pub(crate) expertise: Option<Vec<String>>,
    /// A case's `outcomes`, by position: `label` and `unit`.
    pub(crate) outcomes: Vec<OutcomeText>,
    /// A policy's `incentives`, by position: their `text`.
    pub(crate) incentives: Vec<Option<String>>,
    /// A roadshow's `venue` texts.
    pub(crate) venue: Option<Venue>,
    /// A roadshow's `projects`, by position: `title` and `summary`.
    pub(crate) projects: Vec<ProjectText>,
    /// Free data for templates (replaces the original's when set).
    pub(crate) extra: Option<serde_json::Map<String, serde_json::Value>>,
    /// The translated Markdown body.
    pub(crate) body: String,
    /// Lines of the file before the body.
    pub(crate) body_line_offset: usize,
}

/// The translated text of one outcome of a case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OutcomeText {
    /// What was measured.
    pub(crate) label: Option<String>,
    /// The unit.
    pub(crate) unit: Option<String>,
}

/// The translated text of one pitched project of a roadshow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ProjectText {
    /// Project title.
    pub(crate) title: Option<String>,
    /// Short description.
    pub(crate) summary: Option<String>,
}

/// A translation of a listing's intro (`content/cases/_index.en.md`): its title,
/// its intro text and `[extra]`; `paginate_by` and `home` are the original's.
#[derive(Debug, Clone, PartialEq)]
pub struct IntroTranslation {
    /// The language (`en`).
    pub(crate) lang: String,
    /// The folder whose listing it introduces (`cases`, `news`).
    pub(crate) folder: String,
    /// The translated intro (`paginate_by` and `home` unset).
    pub(crate) intro: Intro,
}

/// Title and intro of a kind's listing page (`content/cases/_index.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Intro {
    /// Site-relative source path.
    pub(crate) source: String,
    /// Listing title.
    pub(crate) title: Option<String>,
    /// Intro Markdown.
    pub(crate) body: String,
    /// Lines before the body.
    pub(crate) body_line_offset: usize,
    /// Free data for templates.
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
    /// Items per page of the listing (`paginate_by`), when set.
    pub(crate) paginate_by: Option<usize>,
    /// Whether a section shows on the home page (`home = false` keeps it off).
    pub(crate) home: bool,
}

/// A section: a top-level folder of `content/` that is not one of the five kinds
/// and holds pages with a `date` (`content/news/`), or has an `_index.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The folder, also the URL segment (`news`).
    pub(crate) folder: String,
    /// Its `_index.md`, if any.
    pub(crate) intro: Option<Intro>,
}

impl Section {
    /// Whether its newest pages show on the home page.
    pub(crate) fn on_home(&self) -> bool {
        self.intro.as_ref().is_none_or(|i| i.home)
    }

    /// Items per page of its listing, when its `_index.md` sets it.
    pub(crate) fn paginate_by(&self) -> Option<usize> {
        self.intro.as_ref().and_then(|i| i.paginate_by)
    }
}

/// The whole validated site.
#[derive(Debug, Clone)]
pub struct Site {
    /// `site.toml`.
    pub config: SiteConfig,
    /// Every published item of every kind, plain pages included, in source path order.
    pub items: Vec<Item>,
    /// Listing intros by kind.
    pub(crate) intros: BTreeMap<Kind, Intro>,
    /// The sections, by folder name.
    pub(crate) sections: Vec<Section>,
    /// "Today" for everything date-dependent.
    pub(crate) today: Date,
    /// The translations of items (`x.en.md`), paired with their originals.
    pub(crate) translations: Vec<Translation>,
    /// The translations of listings' intros (`_index.en.md`).
    pub(crate) intro_translations: Vec<IntroTranslation>,
    /// The site in each of its other languages (`[languages.<code>]`), each a
    /// whole site of its own under `/<code>/`: empty for a site with one
    /// language, and inside those trees.
    pub(crate) languages: Vec<Site>,
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
        Self {
            config,
            items,
            intros,
            sections: Vec::new(),
            today,
            translations: Vec::new(),
            intro_translations: Vec::new(),
            languages: Vec::new(),
            lookup,
        }
    }

    /// The same site with the translations of its items and intros.
    pub(crate) fn with_translations(
        mut self,
        translations: Vec<Translation>,
        intro_translations: Vec<IntroTranslation>,
    ) -> Self {
        self.translations = translations;
        self.intro_translations = intro_translations;
        self
    }

    /// Whether an item's page is in this site's language tree: what its listings,
    /// feeds, exports, search and sitemap hold. An item of another tree (one with
    /// no translation in this language) is still there for references, links and
    /// the insight pages.
    pub(crate) fn is_here(&self, item: &Item) -> bool {
        item.tree == self.config.tree
    }

    /// This site and each of its other languages' sites.
    pub(crate) fn trees(&self) -> impl Iterator<Item = &Site> {
        std::iter::once(self).chain(&self.languages)
    }

    /// The same site with its sections (`content::assemble` finds them).
    pub(crate) fn with_sections(mut self, sections: Vec<Section>) -> Self {
        self.sections = sections;
        self
    }

    /// The section whose folder is `folder`.
    pub(crate) fn section(&self, folder: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.folder == folder)
    }

    /// Items of one kind in this language tree, in source path order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.kind == kind && self.is_here(i))
    }

    /// The item of `kind` with `slug`.
    pub fn find(&self, kind: Kind, slug: &str) -> Option<&Item> {
        self.lookup.get(&(kind, slug.to_owned())).map(|&i| &self.items[i])
    }
}
