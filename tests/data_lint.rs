//! Checks on the hand-curated lists in `data/`: shape, types, sorting, and names that
//! would make the highlighter wrong (a name listed with two types, a title inside a name).

use std::collections::HashMap;

use dossier::engine::gazetteer::{
    tsv_rows, COUNTRIES_TSV, CRIMINAL_GROUPS_TSV, KB_COLUMNS, ORGANIZATIONS_TSV, PEOPLE_TSV,
    PLACES_TSV, THREAT_ACTORS_TSV, THREAT_ACTOR_NAMES_TSV,
};
use dossier::engine::EntityLabel;

const CURATED: [(&str, &str); 5] = [
    ("people.tsv", PEOPLE_TSV),
    ("organizations.tsv", ORGANIZATIONS_TSV),
    ("places.tsv", PLACES_TSV),
    ("threat_actor_names.tsv", THREAT_ACTOR_NAMES_TSV),
    ("criminal_groups.tsv", CRIMINAL_GROUPS_TSV),
];

/// Titles that belong outside the span of a person's name.
const TITLES: &[&str] = &[
    "President",
    "Minister",
    "Secretary",
    "Senator",
    "Sen.",
    "Spokesman",
    "Spokesperson",
    "Ambassador",
    "Chairman",
    "Premier",
    "General",
    "Mr.",
    "Mrs.",
    "Dr.",
    "总统",
    "主席",
    "外长",
    "发言人",
    "대통령",
    "장관",
    "대변인",
    "大統領",
    "首相",
    "الرئيس",
    "وزير",
    "президент",
    "министр",
];

#[test]
fn curated_files_have_the_documented_shape() {
    for (file, tsv) in CURATED {
        let header: Vec<&str> = tsv.lines().next().unwrap().split('\t').collect();
        assert_eq!(header, KB_COLUMNS, "{file}: header");
        let mut previous = String::new();
        for (n, row) in tsv_rows(tsv).enumerate() {
            let line = n + 2;
            assert_eq!(
                row.len(),
                KB_COLUMNS.len(),
                "{file}:{line}: {} cells",
                row.len()
            );
            assert!(!row[0].is_empty(), "{file}:{line}: empty canonical");
            assert!(
                EntityLabel::parse(row[1]).is_some(),
                "{file}:{line}: bad type {:?}",
                row[1]
            );
            for cell in &row[2..] {
                if cell.is_empty() {
                    continue;
                }
                for name in cell.split('|') {
                    assert!(!name.is_empty(), "{file}:{line}: empty name in {cell:?}");
                    assert_eq!(name, name.trim(), "{file}:{line}: spaces around {name:?}");
                }
            }
            let key = row[0].to_lowercase();
            assert!(
                key >= previous,
                "{file}:{line}: {:?} is out of order",
                row[0]
            );
            previous = key;
        }
    }
}

#[test]
fn no_name_has_two_types() {
    let mut seen: HashMap<String, (EntityLabel, String)> = HashMap::new();
    let mut check = |name: &str, label: EntityLabel, origin: String| {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        if let Some((other, where_)) = seen.get(name) {
            assert_eq!(
                *other, label,
                "{name:?} is {other:?} in {where_} but {label:?} in {origin}"
            );
        } else {
            seen.insert(name.to_string(), (label, origin));
        }
    };
    for (file, tsv) in CURATED {
        for row in tsv_rows(tsv) {
            let label = EntityLabel::parse(row[1]).unwrap();
            check(row[0], label, format!("{file} ({})", row[0]));
            for cell in &row[2..] {
                for name in cell.split('|') {
                    check(name, label, format!("{file} ({})", row[0]));
                }
            }
        }
    }
    for row in tsv_rows(COUNTRIES_TSV) {
        for (column, cell) in row.iter().enumerate().skip(1) {
            if column != 10 {
                for name in cell.split('|') {
                    check(
                        name,
                        EntityLabel::Place,
                        format!("countries.tsv ({})", row[0]),
                    );
                }
            }
        }
    }
    for row in tsv_rows(THREAT_ACTORS_TSV) {
        for name in std::iter::once(row[0]).chain(row.get(1).unwrap_or(&"").split('|')) {
            check(
                name,
                EntityLabel::ThreatActor,
                format!("threat_actors.tsv ({})", row[0]),
            );
        }
    }
}

#[test]
fn names_carry_no_titles() {
    for (file, tsv) in CURATED {
        for row in tsv_rows(tsv) {
            if row[1] != "PERSON" {
                continue;
            }
            for name in std::iter::once(row[0]).chain(row[2..].iter().flat_map(|c| c.split('|'))) {
                for title in TITLES {
                    let has_title = name.split([' ', '·', '・']).any(|word| word == *title)
                        || (!title.is_ascii() && name.starts_with(title));
                    assert!(!has_title, "{file}: {name:?} contains the title {title:?}");
                }
            }
        }
    }
}

/// Criminal groups are the ones ATT&CK and MISP do not list: a name in both would be two
/// actors.
#[test]
fn criminal_groups_are_not_in_the_threat_actor_list() {
    let listed: Vec<String> = tsv_rows(THREAT_ACTORS_TSV)
        .flat_map(|row| {
            let mut names = vec![row[0].to_lowercase()];
            names.extend(row[1].split('|').map(str::to_lowercase));
            names
        })
        .collect();
    for row in tsv_rows(CRIMINAL_GROUPS_TSV) {
        assert_eq!(row[1], "THREAT_ACTOR", "{}", row[0]);
        for name in std::iter::once(row[0]).chain(row[2..].iter().flat_map(|c| c.split('|'))) {
            if !name.is_empty() {
                assert!(
                    !listed.contains(&name.to_lowercase()),
                    "{name} is already in threat_actors.tsv"
                );
            }
        }
    }
}

#[test]
fn threat_actor_names_point_at_listed_actors() {
    let canonicals: Vec<&str> = tsv_rows(THREAT_ACTORS_TSV).map(|row| row[0]).collect();
    for row in tsv_rows(THREAT_ACTOR_NAMES_TSV) {
        assert!(
            canonicals.contains(&row[0]),
            "{:?} is not a canonical of threat_actors.tsv",
            row[0]
        );
        assert_eq!(row[1], "THREAT_ACTOR");
    }
}
