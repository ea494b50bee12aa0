//! Structured data (schema.org JSON-LD) for item pages: an `Organization` (or a
//! subtype) for members, an `Event` for roadshows, nothing for other kinds.
//!
//! The renderer embeds it in the page and hands it the page's summary for
//! `description`: the one summary the item's card, feed entry and calendar event
//! show too. Its names are titles (data), never interface words; `areaServed`
//! holds region labels ([`crate::config::TaxonomyLabels::region`]).
//!
//! The string is made to sit inside `<script type="application/ld+json">` as is:
//! `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026` (so `</script>` or
//! `<!--` in a title cannot end or confuse the script element), and U+2028/U+2029
//! as `\u2028`/`\u2029`. These characters can only occur inside JSON strings, where
//! the escapes mean the same characters, so the JSON is unchanged for any parser.

use serde_json::{Map, Value, json};

use super::{absolute_asset, item_url};
use crate::model::{Item, KindData, Member, MemberType, Roadshow, RoadshowStatus, Site, rfc3339};

/// The JSON-LD of a member or roadshow page, script-safe; `None` for other kinds.
/// `summary` is the item's summary (`Renderer::summary`).
pub fn for_item(site: &Site, item: &Item, summary: &str) -> Option<String> {
    let value = match &item.data {
        KindData::Member(m) => member(site, item, m, summary),
        KindData::Roadshow(r) => roadshow(site, item, r, summary),
        _ => return None,
    };
    Some(script_safe(&serde_json::to_string(&value).expect("a JSON value always serializes")))
}

/// The schema.org type of a member.
pub fn organization_type(t: MemberType) -> &'static str {
    match t {
        MemberType::University | MemberType::College => "CollegeOrUniversity",
        MemberType::Enterprise => "Corporation",
        MemberType::Government => "GovernmentOrganization",
        MemberType::Institute => "ResearchOrganization",
        MemberType::Association | MemberType::Investor => "Organization",
    }
}

fn member(site: &Site, item: &Item, m: &Member, summary: &str) -> Value {
    let page = item_url(site, item);
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!(organization_type(m.member_type)));
    o.insert("@id".into(), json!(page));
    o.insert("url".into(), json!(m.website.as_deref().unwrap_or(&page)));
    o.insert("name".into(), json!(item.title));
    describe(site, item, summary, &mut o);
    if m.website.is_some() {
        o.insert("mainEntityOfPage".into(), json!(page));
    }
    if !m.expertise.is_empty() {
        o.insert("knowsAbout".into(), json!(m.expertise));
    }
    if !item.regions.is_empty() {
        let areas: Vec<&str> =
            item.regions.iter().map(|r| site.config.taxonomies.region(r)).collect();
        o.insert("areaServed".into(), json!(areas));
    }
    if let Some(c) = &m.contact {
        let mut cp = Map::new();
        cp.insert("@type".into(), json!("ContactPoint"));
        if let Some(name) = &c.name {
            cp.insert("name".into(), json!(name));
        }
        if let Some(email) = &c.email {
            cp.insert("email".into(), json!(email));
        }
        if let Some(phone) = &c.phone {
            cp.insert("telephone".into(), json!(phone));
        }
        if cp.len() > 1 {
            o.insert("contactPoint".into(), Value::Object(cp));
        }
    }
    o.insert(
        "memberOf".into(),
        json!({ "@type": "Organization", "name": site.config.title, "url": site.config.base_url }),
    );
    Value::Object(o)
}

fn roadshow(site: &Site, item: &Item, r: &Roadshow, summary: &str) -> Value {
    let page = item_url(site, item);
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("Event"));
    o.insert("@id".into(), json!(page));
    o.insert("url".into(), json!(page));
    o.insert("name".into(), json!(item.title));
    describe(site, item, summary, &mut o);
    o.insert("startDate".into(), json!(rfc3339(&r.start)));
    if let Some(end) = &r.end {
        o.insert("endDate".into(), json!(rfc3339(end)));
    }
    let status = match r.status {
        RoadshowStatus::Scheduled => "EventScheduled",
        RoadshowStatus::Postponed => "EventPostponed",
        RoadshowStatus::Cancelled => "EventCancelled",
        RoadshowStatus::MovedOnline => "EventMovedOnline",
    };
    o.insert("eventStatus".into(), json!(format!("https://schema.org/{status}")));

    let place = r.venue.as_ref().map(|v| {
        let mut p = Map::new();
        p.insert("@type".into(), json!("Place"));
        if let Some(name) = v.name.as_ref().or(v.city.as_ref()) {
            p.insert("name".into(), json!(name));
        }
        let mut address = Map::new();
        address.insert("@type".into(), json!("PostalAddress"));
        if let Some(street) = &v.address {
            address.insert("streetAddress".into(), json!(street));
        }
        if let Some(city) = &v.city {
            address.insert("addressLocality".into(), json!(city));
        }
        if address.len() > 1 {
            p.insert("address".into(), Value::Object(address));
        }
        Value::Object(p)
    });
    let virtual_location =
        r.online_url.as_ref().map(|u| json!({ "@type": "VirtualLocation", "url": u }));
    let (mode, location) = match (place, virtual_location) {
        (Some(p), Some(v)) => ("MixedEventAttendanceMode", Some(json!([p, v]))),
        (Some(p), None) => ("OfflineEventAttendanceMode", Some(p)),
        (None, Some(v)) => ("OnlineEventAttendanceMode", Some(v)),
        (None, None) => ("OfflineEventAttendanceMode", None),
    };
    o.insert("eventAttendanceMode".into(), json!(format!("https://schema.org/{mode}")));
    if let Some(location) = location {
        o.insert("location".into(), location);
    }

    let organizers: Vec<Value> = r
        .organizer
        .iter()
        .map(|slug| match site.find(crate::model::Kind::Members, slug) {
            Some(m) => {
                json!({ "@type": "Organization", "name": m.title, "url": item_url(site, m) })
            }
            None => json!({ "@type": "Organization", "name": slug }),
        })
        .collect();
    match organizers.len() {
        0 => {}
        1 => {
            o.insert("organizer".into(), organizers.into_iter().next().expect("one organizer"));
        }
        _ => {
            o.insert("organizer".into(), Value::Array(organizers));
        }
    }
    Value::Object(o)
}

/// The parts members and events share: `description` (the summary) and `image` (the cover).
fn describe(site: &Site, item: &Item, summary: &str, o: &mut Map<String, Value>) {
    if !summary.is_empty() {
        o.insert("description".into(), json!(summary));
    }
    if let Some(cover) = &item.cover {
        o.insert("image".into(), json!(absolute_asset(site, cover)));
    }
}

/// JSON text made safe inside an HTML `<script>` element (see the module doc).
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_escapes_and_stays_json() {
        let raw =
            serde_json::to_string(&json!({ "name": "</script><!-- a & b \u{2028}" })).unwrap();
        let safe = script_safe(&raw);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert!(!safe.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "</script><!-- a & b \u{2028}");
    }
}
