//! The bundled dictionaries: names, their entity type and their canonical name.
//!
//! The data lives in `data/*.tsv` (reviewable text, sources in `data/SOURCES.md`) and is
//! compiled into the binary with `include_str!`, so the engine needs no files at run time.
//! Russian case forms of Cyrillic names are generated here ([`super::morph`]) rather than
//! listed, so the data files stay one row per entity.

use super::morph::{russian_forms, InflectionKind};
use super::script::{is_arabic, is_cyrillic};
use super::EntityLabel;

/// How a name may be matched in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casing {
    /// Exactly as written: "US" is a place, "us" is not.
    Exact,
    /// ASCII case does not matter, but the text must not be all lower case
    /// ("HAFNIUM" = "Hafnium", while the element "hafnium" is left alone).
    Capitalised,
}

/// One surface form that names an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerEntry {
    pub name: String,
    pub label: EntityLabel,
    pub canonical: String,
    pub casing: Casing,
    /// An Arabic form with the article contracted after the preposition لـ (للصين = لـ +
    /// لصين): it is a mention only right after a ل.
    pub after_lam: bool,
}

/// A list of names. Later entries never override earlier ones: [`Gazetteer::push`] keeps the
/// first entry for a name, so more specific lists are added first.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<GazetteerEntry>,
    seen: std::collections::HashSet<String>,
}

pub const PEOPLE_TSV: &str = include_str!("../../data/people.tsv");
pub const ORGANIZATIONS_TSV: &str = include_str!("../../data/organizations.tsv");
pub const PLACES_TSV: &str = include_str!("../../data/places.tsv");
pub const THREAT_ACTORS_TSV: &str = include_str!("../../data/threat_actors.tsv");
pub const THREAT_ACTOR_NAMES_TSV: &str = include_str!("../../data/threat_actor_names.tsv");
pub const CRIMINAL_GROUPS_TSV: &str = include_str!("../../data/criminal_groups.tsv");
pub const COUNTRIES_TSV: &str = include_str!("../../data/countries.tsv");

/// Column order of the hand-curated lists (people, organizations, places).
pub const KB_COLUMNS: [&str; 11] = [
    "canonical",
    "type",
    "en",
    "zh",
    "ar",
    "ko",
    "ja",
    "ru",
    "es",
    "fr",
    "de",
];

impl Gazetteer {
    /// All bundled names.
    pub fn builtin() -> Gazetteer {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_knowledge_base(PEOPLE_TSV);
        gazetteer.add_knowledge_base(ORGANIZATIONS_TSV);
        gazetteer.add_threat_actors(THREAT_ACTORS_TSV);
        gazetteer.add_knowledge_base(THREAT_ACTOR_NAMES_TSV);
        gazetteer.add_knowledge_base(CRIMINAL_GROUPS_TSV);
        gazetteer.add_countries(COUNTRIES_TSV);
        gazetteer.add_knowledge_base(PLACES_TSV);
        gazetteer.add_derived_forms();
        gazetteer
    }

    /// Adds a name unless the same surface form is already present.
    pub fn push(&mut self, name: &str, label: EntityLabel, canonical: &str) {
        self.push_with(name, label, canonical, Casing::Exact);
    }

    fn push_with(&mut self, name: &str, label: EntityLabel, canonical: &str, casing: Casing) {
        let name = name.trim();
        if name.is_empty() || !self.seen.insert(name.to_string()) {
            return;
        }
        self.entries.push(GazetteerEntry {
            name: name.to_string(),
            label,
            canonical: canonical.to_string(),
            casing,
            after_lam: false,
        });
    }

    /// `canonical \t type \t en zh ar ko ja ru es fr de`, names `|`-separated, with a header.
    pub fn add_knowledge_base(&mut self, tsv: &str) {
        for row in tsv_rows(tsv) {
            let (Some(&canonical), Some(label)) =
                (row.first(), row.get(1).and_then(|t| EntityLabel::parse(t)))
            else {
                continue;
            };
            self.push(canonical, label, canonical);
            for cell in row.iter().skip(2) {
                for name in cell.split('|') {
                    self.push(name, label, canonical);
                }
            }
        }
    }

    /// `canonical \t aliases(|) \t attributed_country \t source`, with a header line.
    pub fn add_threat_actors(&mut self, tsv: &str) {
        for row in tsv_rows(tsv) {
            let canonical = row.first().copied().unwrap_or("");
            if canonical.is_empty() {
                continue;
            }
            let names =
                std::iter::once(canonical).chain(row.get(1).copied().unwrap_or("").split('|'));
            for name in names {
                self.push_with(
                    name,
                    EntityLabel::ThreatActor,
                    canonical,
                    threat_actor_casing(name),
                );
            }
        }
    }

    /// `iso2 \t english \t ar zh ko ja ru fr es de \t demonym_en \t alternates_en … alternates_de`.
    pub fn add_countries(&mut self, tsv: &str) {
        for row in tsv_rows(tsv) {
            let Some(&english) = row.get(1) else { continue };
            // Names in each language, then the alternates of each language (columns 11..).
            for (column, cell) in row.iter().enumerate().skip(1) {
                if column == 10 {
                    continue; // demonym: "Chinese" is not a place
                }
                for name in cell.split('|') {
                    self.push(name, EntityLabel::Place, english);
                }
            }
        }
    }

    /// Forms that follow from the listed names by regular rules: Russian case forms
    /// (Путин → Путина, Путину …) and the Arabic "لـ" + article contraction
    /// (الصين → للصين, where the span after the first لـ is the name).
    fn add_derived_forms(&mut self) {
        let listed: Vec<GazetteerEntry> = self.entries.clone();
        for entry in &listed {
            let kind = match entry.label {
                EntityLabel::Person => InflectionKind::Person,
                EntityLabel::Place => InflectionKind::Place,
                EntityLabel::Org => InflectionKind::Organization,
                EntityLabel::ThreatActor => continue,
            };
            if entry.name.chars().any(is_cyrillic) {
                for form in russian_forms(&entry.name, kind) {
                    self.push(&form, entry.label, &entry.canonical);
                }
            }
            if entry.name.chars().all(|c| is_arabic(c) || c == ' ') {
                if let Some(rest) = entry.name.strip_prefix("ال") {
                    let before = self.entries.len();
                    self.push(&format!("ل{rest}"), entry.label, &entry.canonical);
                    if let Some(added) = self.entries.get_mut(before) {
                        added.after_lam = true;
                    }
                }
            }
        }
    }
}

/// Distinctive actor names are matched whatever their capitalisation; short ones and
/// ordinary words stay exact ("Turla", "Ghostwriter", "APT1").
fn threat_actor_casing(name: &str) -> Casing {
    let letters = name.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let all_caps = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_ascii_uppercase());
    let has_digit = name.chars().any(|c| c.is_ascii_digit());
    if name.is_ascii() && letters >= 5 && (all_caps || name.contains(' ') || has_digit) {
        Casing::Capitalised
    } else {
        Casing::Exact
    }
}

/// Rows of a TSV text without its header line, split into cells.
pub fn tsv_rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(g: &Gazetteer, name: &str) -> Option<GazetteerEntry> {
        g.entries.iter().find(|e| e.name == name).cloned()
    }

    #[test]
    fn builtin_has_actors_and_countries_in_many_languages() {
        let g = Gazetteer::builtin();
        let volt = find(&g, "Volt Typhoon").expect("Volt Typhoon");
        assert_eq!(volt.label, EntityLabel::ThreatActor);
        for (name, canonical) in [
            ("China", "China"),
            ("الصين", "China"),
            ("中国", "China"),
            ("중국", "China"),
        ] {
            let e = find(&g, name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(
                (e.label, e.canonical.as_str()),
                (EntityLabel::Place, canonical)
            );
        }
        assert!(find(&g, "Chinese").is_none(), "demonyms are not places");
    }

    #[test]
    fn people_in_every_language_share_one_canonical() {
        let g = Gazetteer::builtin();
        for name in ["Wang Yi", "王毅", "وانغ يي", "왕이", "Ван И"] {
            let e = find(&g, name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(
                (e.label, e.canonical.as_str()),
                (EntityLabel::Person, "Wang Yi")
            );
        }
    }

    #[test]
    fn derived_russian_and_arabic_forms() {
        let g = Gazetteer::builtin();
        for (name, canonical) in [
            ("Путина", "Vladimir Putin"),
            ("Китая", "China"),
            ("لصين", "China"),
        ] {
            let e = find(&g, name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(e.canonical, canonical);
        }
    }

    #[test]
    fn actor_casing() {
        assert_eq!(threat_actor_casing("HAFNIUM"), Casing::Capitalised);
        assert_eq!(threat_actor_casing("Volt Typhoon"), Casing::Capitalised);
        assert_eq!(threat_actor_casing("Turla"), Casing::Exact);
        assert_eq!(threat_actor_casing("APT1"), Casing::Exact);
    }
}
