//! The bundled dictionaries: names, their entity type and their canonical name.
//!
//! The data lives in `data/*.tsv` (reviewable text, sources in `data/SOURCES.md`) and is
//! compiled into the binary with `include_str!`, so the engine needs no files at run time.

use super::EntityLabel;

/// One surface form that names an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerEntry {
    pub name: String,
    pub label: EntityLabel,
    pub canonical: String,
}

/// A list of names. Later entries never override earlier ones: [`Gazetteer::push`] keeps the
/// first entry for a name, so more specific lists are added first.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<GazetteerEntry>,
    seen: std::collections::HashSet<String>,
}

const THREAT_ACTORS_TSV: &str = include_str!("../../data/threat_actors.tsv");
const COUNTRIES_TSV: &str = include_str!("../../data/countries.tsv");

impl Gazetteer {
    /// All bundled names.
    pub fn builtin() -> Gazetteer {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_threat_actors(THREAT_ACTORS_TSV);
        gazetteer.add_countries(COUNTRIES_TSV);
        gazetteer
    }

    /// Adds a name unless the same surface form is already present.
    pub fn push(&mut self, name: &str, label: EntityLabel, canonical: &str) {
        let name = name.trim();
        if name.is_empty() || !self.seen.insert(name.to_string()) {
            return;
        }
        self.entries.push(GazetteerEntry {
            name: name.to_string(),
            label,
            canonical: canonical.to_string(),
        });
    }

    /// `canonical \t aliases(|) \t attributed_country \t source`, with a header line.
    pub fn add_threat_actors(&mut self, tsv: &str) {
        for row in tsv_rows(tsv) {
            let canonical = row.first().copied().unwrap_or("");
            if canonical.is_empty() {
                continue;
            }
            self.push(canonical, EntityLabel::ThreatActor, canonical);
            for alias in row.get(1).copied().unwrap_or("").split('|') {
                self.push(alias, EntityLabel::ThreatActor, canonical);
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

    #[test]
    fn builtin_has_actors_and_countries_in_many_languages() {
        let g = Gazetteer::builtin();
        let find = |name: &str| g.entries.iter().find(|e| e.name == name).cloned();
        let volt = find("Volt Typhoon").expect("Volt Typhoon");
        assert_eq!(volt.label, EntityLabel::ThreatActor);
        for (name, canonical) in [
            ("China", "China"),
            ("الصين", "China"),
            ("中国", "China"),
            ("중국", "China"),
        ] {
            let e = find(name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(
                (e.label, e.canonical.as_str()),
                (EntityLabel::Place, canonical)
            );
        }
        assert!(find("Chinese").is_none(), "demonyms are not places");
    }
}
