//! STIX 2.1 export: one `bundle` that MISP and OpenCTI import.
//!
//! * One `report` per document: `name` is the document name, `published`, `created` and
//!   `modified` the timestamp given (the export reads no clock, so the same input and
//!   timestamp give the same bytes), `lang` the document's language, `object_refs` every
//!   object for an entity mentioned in it.
//! * One object per distinct (label, canonical name) across all documents:
//!   - `THREAT_ACTOR` → `intrusion-set` (`name` = canonical, `aliases` = the other surface
//!     forms). Named groups such as APT1 or Volt Typhoon are intrusion sets in STIX 2.1 and
//!     in MITRE ATT&CK; `threat-actor` is for the people or organisation behind them, which
//!     news text rarely establishes.
//!   - `ORG` → `identity` with `identity_class: "organization"`, `PERSON` → `identity` with
//!     `identity_class: "individual"`; identities have no aliases in STIX, so the other
//!     surface forms are listed in `description`.
//!   - `PLACE` → `location`. STIX requires a location to state a country, a region or
//!     coordinates: countries get their ISO 3166-1 code from the bundled country list and
//!     continents and regions (`Western Europe`) their `region-ov` value. Places that are
//!     neither (cities, seas) have no valid STIX location; they are named in the report's
//!     `description` instead.
//! * One `note` per incident or pledge sentence, its `content` the sentence, referring to
//!   the report and to the entities mentioned in the sentence.
//! * An `identity` for Dossier itself (`identity_class: "system"`) is the `created_by_ref`
//!   of every other object.
//!
//! No relationships are made yet: `attributed-to` and `targets` need an event extractor
//! that says who did what to whom; co-occurrence in a sentence is not evidence of either.
//!
//! Identifiers are name-based UUIDs (version 5) of the type and canonical name (of the name
//! and text for reports), so re-exports are stable and platforms merge them with what they
//! already hold.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use serde_json::{json, Map, Value};

use super::stable_uuid;
use crate::export::{Interchange, Layer};

const COUNTRIES_TSV: &str = include_str!("../../data/countries.tsv");

/// The values of STIX 2.1's `region-ov` vocabulary.
const REGIONS: &[&str] = &[
    "africa",
    "eastern-africa",
    "middle-africa",
    "northern-africa",
    "southern-africa",
    "western-africa",
    "americas",
    "caribbean",
    "central-america",
    "latin-america-caribbean",
    "northern-america",
    "south-america",
    "asia",
    "central-asia",
    "eastern-asia",
    "southern-asia",
    "south-eastern-asia",
    "western-asia",
    "europe",
    "eastern-europe",
    "northern-europe",
    "southern-europe",
    "western-europe",
    "antarctica",
    "oceania",
    "australia-new-zealand",
    "melanesia",
    "micronesia",
    "polynesia",
];

/// English country names (canonical and alternates) → ISO 3166-1 alpha-2 code.
static COUNTRY_CODES: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
    let mut lines = COUNTRIES_TSV.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let mut codes = BTreeMap::new();
    let (Some(iso2), Some(english)) = (column("iso2"), column("english")) else {
        return codes;
    };
    let alternates = column("alternates_en");
    for line in lines {
        let cells: Vec<&str> = line.split('\t').collect();
        let Some(code) = cells.get(iso2).filter(|c| c.len() == 2) else {
            continue;
        };
        let mut names: Vec<&str> = cells.get(english).into_iter().copied().collect();
        if let Some(cell) = alternates.and_then(|i| cells.get(i)) {
            names.extend(cell.split('|'));
        }
        for name in names.into_iter().filter(|n| !n.is_empty()) {
            codes
                .entry(name.to_string())
                .or_insert_with(|| code.to_string());
        }
    }
    codes
});

/// The STIX bundle of every document, pretty-printed; `timestamp` is an RFC 3339 UTC time
/// (`2026-11-22T10:00:00Z`, fractions allowed), used for every `created`, `modified` and
/// `published`. Fails only when the timestamp is not of that form.
pub fn export(value: &Interchange, timestamp: &str) -> Result<String, String> {
    let timestamp = stix_timestamp(timestamp)?;
    let dossier_id = format!(
        "identity--{}",
        stable_uuid(&["stix", "identity", "system", "Dossier"])
    );
    let common = |kind: &str, id: &str| {
        let mut object = Map::new();
        object.insert("type".into(), json!(kind));
        object.insert("spec_version".into(), json!("2.1"));
        object.insert("id".into(), json!(id));
        object.insert("created".into(), json!(timestamp));
        object.insert("modified".into(), json!(timestamp));
        object.insert("created_by_ref".into(), json!(dossier_id));
        object
    };

    // Surface forms of each (label, canonical) across all documents.
    let mut surface_forms: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    for doc in &value.documents {
        for a in doc.annotations.iter().filter(|a| a.layer == Layer::Entity) {
            let Some(label) = a.label.as_deref() else {
                continue;
            };
            let canonical = a.canonical.as_deref().unwrap_or(&a.text);
            surface_forms
                .entry((label, canonical))
                .or_default()
                .insert(&a.text);
        }
    }

    let mut objects: Vec<Value> = Vec::new();
    let mut dossier = common("identity", &dossier_id);
    dossier.remove("created_by_ref");
    dossier.insert("name".into(), json!("Dossier"));
    dossier.insert("identity_class".into(), json!("system"));
    objects.push(Value::Object(dossier));

    let mut ids: BTreeMap<(&str, &str), String> = BTreeMap::new();
    for (&(label, canonical), forms) in &surface_forms {
        let aliases: Vec<&str> = forms.iter().copied().filter(|f| *f != canonical).collect();
        let object = match label {
            "THREAT_ACTOR" => {
                let id = format!(
                    "intrusion-set--{}",
                    stable_uuid(&["stix", "intrusion-set", canonical])
                );
                let mut object = common("intrusion-set", &id);
                object.insert("name".into(), json!(canonical));
                if !aliases.is_empty() {
                    object.insert("aliases".into(), json!(aliases));
                }
                object
            }
            "ORG" | "PERSON" => {
                let class = if label == "ORG" {
                    "organization"
                } else {
                    "individual"
                };
                let id = format!(
                    "identity--{}",
                    stable_uuid(&["stix", "identity", class, canonical])
                );
                let mut object = common("identity", &id);
                object.insert("name".into(), json!(canonical));
                object.insert("identity_class".into(), json!(class));
                if !aliases.is_empty() {
                    object.insert(
                        "description".into(),
                        json!(format!("Also written: {}", aliases.join(", "))),
                    );
                }
                object
            }
            "PLACE" => {
                let Some((key, code)) = place_of(canonical) else {
                    continue;
                };
                let id = format!(
                    "location--{}",
                    stable_uuid(&["stix", "location", canonical])
                );
                let mut object = common("location", &id);
                object.insert("name".into(), json!(canonical));
                object.insert(key.into(), json!(code));
                if !aliases.is_empty() {
                    object.insert(
                        "description".into(),
                        json!(format!("Also written: {}", aliases.join(", "))),
                    );
                }
                object
            }
            _ => continue,
        };
        let id = object["id"].as_str().unwrap_or_default().to_string();
        ids.insert((label, canonical), id);
        objects.push(Value::Object(object));
    }

    let mut notes: Vec<Value> = Vec::new();
    for doc in &value.documents {
        let report_id = format!(
            "report--{}",
            stable_uuid(&["stix", "report", &doc.name, &doc.text])
        );
        let entity_id = |a: &crate::export::Annotation| {
            let canonical = a.canonical.as_deref().unwrap_or(&a.text);
            ids.get(&(a.label.as_deref()?, canonical)).cloned()
        };
        let entities: Vec<_> = doc
            .annotations
            .iter()
            .filter(|a| a.layer == Layer::Entity)
            .collect();
        let mut refs: BTreeSet<String> = entities.iter().filter_map(|a| entity_id(a)).collect();
        let unlocated: BTreeSet<&str> = entities
            .iter()
            .filter(|a| a.label.as_deref() == Some("PLACE") && entity_id(a).is_none())
            .map(|a| a.canonical.as_deref().unwrap_or(&a.text))
            .collect();
        let n_incidents = count(doc, Layer::Incident);
        let n_pledges = count(doc, Layer::Pledge);
        let mut description = format!(
            "Annotated by Dossier. Entity mentions: {}; cyber incident sentences: {n_incidents}; diplomatic pledge sentences: {n_pledges}.",
            entities.len()
        );
        if !unlocated.is_empty() {
            let names: Vec<&str> = unlocated.into_iter().collect();
            description.push_str(&format!(
                " Places without a country or region: {}.",
                names.join(", ")
            ));
        }
        if refs.is_empty() {
            // A report must refer to at least one object.
            refs.insert(dossier_id.clone());
        }
        let mut report = common("report", &report_id);
        report.insert("name".into(), json!(doc.name));
        report.insert("description".into(), json!(description));
        report.insert("report_types".into(), json!(["threat-report"]));
        report.insert("published".into(), json!(timestamp));
        if !doc.lang.is_empty() && doc.lang != "und" {
            report.insert("lang".into(), json!(doc.lang));
        }
        report.insert("object_refs".into(), json!(refs));
        objects.push(Value::Object(report));

        for sentence in doc.annotations.iter().filter(|a| a.layer != Layer::Entity) {
            let (abstract_text, label) = match sentence.layer {
                Layer::Incident => ("Cyber incident sentence", "incident"),
                _ => ("Diplomatic pledge sentence", "pledge"),
            };
            let note_id = format!(
                "note--{}",
                stable_uuid(&[
                    "stix",
                    "note",
                    &report_id,
                    sentence.layer.as_str(),
                    &sentence.start.to_string(),
                    &sentence.end.to_string(),
                ])
            );
            let mut note_refs = vec![report_id.clone()];
            let inside: BTreeSet<String> = entities
                .iter()
                .filter(|e| e.start >= sentence.start && e.end <= sentence.end)
                .filter_map(|e| entity_id(e))
                .collect();
            note_refs.extend(inside);
            let mut note = common("note", &note_id);
            note.insert("abstract".into(), json!(abstract_text));
            note.insert("content".into(), json!(sentence.text));
            note.insert("labels".into(), json!([label]));
            note.insert("object_refs".into(), json!(note_refs));
            notes.push(Value::Object(note));
        }
    }
    objects.extend(notes);

    let mut bundle_parts = vec!["stix", "bundle"];
    bundle_parts.extend(objects.iter().filter_map(|o| o["id"].as_str()));
    let bundle_id = format!("bundle--{}", stable_uuid(&bundle_parts));
    let bundle = json!({"type": "bundle", "id": bundle_id, "objects": objects});
    let mut out = serde_json::to_string_pretty(&bundle).map_err(|e| e.to_string())?;
    out.push('\n');
    Ok(out)
}

fn count(doc: &crate::export::ExportDocument, layer: Layer) -> usize {
    doc.annotations.iter().filter(|a| a.layer == layer).count()
}

/// How STIX locates a place: `("country", "CN")` or `("region", "western-europe")`.
fn place_of(canonical: &str) -> Option<(&'static str, String)> {
    if let Some(code) = COUNTRY_CODES.get(canonical) {
        return Some(("country", code.clone()));
    }
    let region = canonical.to_lowercase().replace(' ', "-");
    REGIONS
        .contains(&region.as_str())
        .then_some(("region", region))
}

/// An RFC 3339 UTC timestamp in STIX's form, with exactly three fractional digits (STIX
/// requires `created` and `modified` to millisecond precision).
pub fn stix_timestamp(text: &str) -> Result<String, String> {
    let error = || {
        format!(
            "timestamp {text:?} is not of the form 2026-11-22T10:00:00Z (UTC, fractions allowed)"
        )
    };
    let body = text.strip_suffix('Z').ok_or_else(error)?;
    let (seconds, fraction) = match body.split_once('.') {
        Some((seconds, fraction)) => (seconds, fraction),
        None => (body, ""),
    };
    let pattern = "dddd-dd-ddTdd:dd:dd";
    let shape_ok = seconds.len() == pattern.len()
        && seconds.chars().zip(pattern.chars()).all(|(c, p)| match p {
            'd' => c.is_ascii_digit(),
            p => c == p,
        });
    if !shape_ok || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(error());
    }
    let number = |range: std::ops::Range<usize>| seconds[range].parse::<u32>().unwrap_or(99);
    let (year, month) = (number(0..4), number(5..7));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let in_range = (1..=12).contains(&month)
        && (1..=days_in_month).contains(&number(8..10))
        && number(11..13) <= 23
        && number(14..16) <= 59
        && number(17..19) <= 60;
    if !in_range {
        return Err(error());
    }
    let millis: String = fraction.chars().chain("000".chars()).take(3).collect();
    Ok(format!("{seconds}.{millis}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(
            stix_timestamp("2026-11-22T10:00:00Z").unwrap(),
            "2026-11-22T10:00:00.000Z"
        );
        assert_eq!(
            stix_timestamp("2026-11-22T10:00:00.123456Z").unwrap(),
            "2026-11-22T10:00:00.123Z"
        );
        assert!(stix_timestamp("2024-02-29T23:59:60Z").is_ok());
        assert_eq!(
            stix_timestamp("2026-11-22T10:00:00.5Z").unwrap(),
            "2026-11-22T10:00:00.500Z"
        );
        for bad in [
            "",
            "2026-11-22",
            "2026-11-22T10:00:00",
            "2026-11-22T10:00:00+01:00",
            "2026-13-22T10:00:00Z",
            "2026-02-29T10:00:00Z",
            "2026-11-31T10:00:00Z",
            "2026-11-22T10:00:00.xZ",
            "２026-11-22T10:00:00Z",
        ] {
            assert!(stix_timestamp(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn places() {
        assert_eq!(place_of("China"), Some(("country", "CN".to_string())));
        assert_eq!(
            place_of("Western Europe"),
            Some(("region", "western-europe".to_string()))
        );
        assert_eq!(place_of("Woodside"), None);
    }
}
