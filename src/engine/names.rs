//! The names the bundled knowledge base gives each canonical entity, language by language,
//! so a reader who sees "Wang Yi" can also see 王毅, وانغ يي and 왕이.
//!
//! Read from the same data files as the [`super::gazetteer`], once, on first use.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::gazetteer::{
    tsv_rows, COUNTRIES_TSV, KB_COLUMNS, ORGANIZATIONS_TSV, PEOPLE_TSV, PLACES_TSV,
    THREAT_ACTORS_TSV, THREAT_ACTOR_NAMES_TSV,
};

/// One name of an entity and the language it is written for (ISO 639-1), or `""` for an
/// alias that belongs to no language (a threat actor's other names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownName {
    pub lang: &'static str,
    pub name: &'static str,
}

/// Language of each name column of `countries.tsv`, after `iso2` (column 10 is the demonym).
const COUNTRY_COLUMNS: [&str; 9] = ["en", "ar", "zh", "ko", "ja", "ru", "fr", "es", "de"];

static KNOWN: LazyLock<HashMap<&'static str, Vec<KnownName>>> = LazyLock::new(build);

/// The first (main) name in each language the data gives for `canonical`, in the data's
/// column order, then a threat actor's aliases; the canonical name itself is left out.
/// Empty for a name the knowledge base does not know.
pub fn known_names(canonical: &str) -> &'static [KnownName] {
    KNOWN.get(canonical).map_or(&[], Vec::as_slice)
}

fn build() -> HashMap<&'static str, Vec<KnownName>> {
    let mut known: HashMap<&'static str, Vec<KnownName>> = HashMap::new();
    let mut add = |canonical: &'static str, lang: &'static str, name: &'static str| {
        let name = name.trim();
        if name.is_empty() || name == canonical {
            return;
        }
        let names = known.entry(canonical).or_default();
        if !names.iter().any(|n| n.name == name) {
            names.push(KnownName { lang, name });
        }
    };
    // Countries first: their CLDR names are the usual ones ("中国" before "中华人民共和国").
    for row in tsv_rows(COUNTRIES_TSV) {
        let Some(&english) = row.get(1) else {
            continue;
        };
        for (lang, cell) in COUNTRY_COLUMNS.iter().zip(row.iter().skip(1)) {
            if let Some(first) = cell.split('|').next() {
                add(english, lang, first);
            }
        }
    }
    for tsv in [
        PEOPLE_TSV,
        ORGANIZATIONS_TSV,
        PLACES_TSV,
        THREAT_ACTOR_NAMES_TSV,
    ] {
        for row in tsv_rows(tsv) {
            let Some(&canonical) = row.first() else {
                continue;
            };
            for (lang, cell) in KB_COLUMNS.iter().zip(&row).skip(2) {
                if let Some(first) = cell.split('|').next() {
                    add(canonical, lang, first);
                }
            }
        }
    }
    for row in tsv_rows(THREAT_ACTORS_TSV) {
        let Some(&canonical) = row.first() else {
            continue;
        };
        for alias in row.get(1).copied().unwrap_or("").split('|') {
            add(canonical, "", alias);
        }
    }
    known
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(canonical: &str) -> Vec<(&'static str, &'static str)> {
        known_names(canonical)
            .iter()
            .map(|n| (n.lang, n.name))
            .collect()
    }

    #[test]
    fn a_person_has_a_name_per_language_and_not_the_canonical() {
        let wang = names("Wang Yi");
        for lang in ["zh", "ar", "ko", "ru"] {
            assert!(
                wang.iter().any(|&(l, _)| l == lang),
                "Wang Yi has a {lang} name: {wang:?}"
            );
        }
        assert!(wang.contains(&("zh", "王毅")), "{wang:?}");
        assert!(!wang.iter().any(|&(_, n)| n == "Wang Yi"));
    }

    #[test]
    fn countries_take_their_english_name_as_canonical() {
        let china = names("China");
        assert!(china.contains(&("zh", "中国")), "{china:?}");
        assert!(china.contains(&("ar", "الصين")), "{china:?}");
        // The demonym column is not a name of the country.
        assert!(!china.iter().any(|&(_, n)| n == "Chinese"), "{china:?}");
    }

    #[test]
    fn threat_actors_list_their_aliases() {
        let fancy = names("APT28");
        assert!(fancy.iter().any(|&(_, n)| n == "Fancy Bear"), "{fancy:?}");
    }

    #[test]
    fn unknown_names_have_none() {
        assert!(known_names("Nobody In Particular").is_empty());
    }
}
