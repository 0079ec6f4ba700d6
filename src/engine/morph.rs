//! Regular word forms that the dictionaries do not list one by one.
//!
//! Russian declines names: a text about Putin says Путин, Путина, Путину, Путиным, Путине.
//! The guidelines count each inflected form as its own mention, so the gazetteer adds the
//! oblique case forms of every Cyrillic name. The rules below cover the regular patterns of
//! names and place names; irregular or indeclinable names simply gain forms that never occur.

/// What kind of name is declined, because the patterns differ: surnames in -ов/-ин take
/// -ым in the instrumental, and in organization names only the head noun (the first word)
/// declines ("Министерство иностранных дел" → "Министерства иностранных дел").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflectionKind {
    Person,
    Place,
    Organization,
}

/// The five oblique cases, in this order: genitive, dative, accusative, instrumental,
/// prepositional.
type Cases = [String; 5];

/// The oblique case forms of a Cyrillic name, without the name itself or duplicates.
pub fn russian_forms(name: &str, kind: InflectionKind) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let declined: Vec<Option<Cases>> = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let declines = match kind {
                InflectionKind::Organization => i == 0,
                InflectionKind::Person | InflectionKind::Place => true,
            };
            if declines {
                decline_word(word, kind)
            } else {
                None
            }
        })
        .collect();
    if declined.iter().all(Option::is_none) {
        return Vec::new();
    }
    let mut forms: Vec<String> = Vec::new();
    for case in 0..5 {
        let form: Vec<&str> = words
            .iter()
            .zip(&declined)
            .map(|(word, cases)| cases.as_ref().map_or(*word, |c| c[case].as_str()))
            .collect();
        let form = form.join(" ");
        if form != name && !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

fn cases(stem: &str, endings: [&str; 5]) -> Cases {
    endings.map(|e| format!("{stem}{e}"))
}

/// Case forms of one word, or `None` when it does not decline (or is not a capitalised
/// Cyrillic word: "фон", "дер" and abbreviations such as США stay as they are).
fn decline_word(word: &str, kind: InflectionKind) -> Option<Cases> {
    let mut chars = word.chars();
    let first = chars.next()?;
    if !first.is_uppercase() || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
        return None;
    }
    if word.chars().skip(1).all(|c| c.is_uppercase()) {
        return None; // an abbreviation: США, МИД, ФСБ
    }
    if word.contains('-') {
        return None; // Нью-Йорк, Тель-Авив, Кэмп-Дэвид: left alone
    }
    let last = word.chars().last()?;
    let stem = &word[..word.len() - last.len_utf8()];
    let before_last = stem.chars().last();
    let sibilant = |c: Option<char>| matches!(c, Some('ж' | 'ш' | 'щ' | 'ч' | 'ц'));
    let velar_or_sibilant =
        |c: Option<char>| matches!(c, Some('к' | 'г' | 'х' | 'ж' | 'ш' | 'щ' | 'ч'));
    let forms = match last {
        'й' => {
            let stem2 = &stem[..stem.len() - before_last?.len_utf8()];
            match before_last? {
                // Adjectival surnames and adjectives: Зеленский, Навальный, Южный.
                'ы' => cases(stem2, ["ого", "ому", "ого", "ым", "ом"]),
                'и' if stem2.ends_with('к') || stem2.ends_with('г') || stem2.ends_with('х') => {
                    cases(stem2, ["ого", "ому", "ого", "им", "ом"])
                }
                // Дмитрий, Валерий.
                'и' => cases(stem2, ["ия", "ию", "ия", "ием", "ии"]),
                // Сергей, Китай, Алексей.
                _ => {
                    let acc = if kind == InflectionKind::Person {
                        "я"
                    } else {
                        "й"
                    };
                    cases(stem, ["я", "ю", acc, "ем", "е"])
                }
            }
        }
        'я' => {
            if before_last == Some('и') {
                // Россия, Мария.
                cases(stem, ["и", "и", "ю", "ей", "и"])
            } else if before_last == Some('а') {
                // Adjectives: Южная (Корея).
                let stem2 = &stem[..stem.len() - 'а'.len_utf8()];
                cases(stem2, ["ой", "ой", "ую", "ой", "ой"])
            } else {
                cases(stem, ["и", "е", "ю", "ей", "е"])
            }
        }
        'а' => {
            if kind == InflectionKind::Person
                && (stem.ends_with("ов") || stem.ends_with("ев") || stem.ends_with("ин"))
            {
                // Female surnames: Захарова → Захаровой.
                cases(stem, ["ой", "ой", "у", "ой", "ой"])
            } else {
                let genitive = if velar_or_sibilant(before_last) {
                    "и"
                } else {
                    "ы"
                };
                let instrumental = if sibilant(before_last) {
                    "ей"
                } else {
                    "ой"
                };
                cases(stem, [genitive, "е", "у", instrumental, "е"])
            }
        }
        'о' if kind == InflectionKind::Organization => cases(stem, ["а", "у", "о", "ом", "е"]),
        // Masculine for people and organizations (Игорь, Кремль), feminine for places (Сибирь).
        'ь' if kind != InflectionKind::Place => cases(stem, ["я", "ю", "я", "ем", "е"]),
        'ь' => cases(stem, ["и", "и", "ь", "ью", "и"]),
        c if is_russian_consonant(c) => {
            let acc = if kind == InflectionKind::Person {
                "а"
            } else {
                ""
            };
            let surname = kind == InflectionKind::Person
                && ["ов", "ев", "ёв", "ин", "ын"]
                    .iter()
                    .any(|s| word.ends_with(s));
            let instrumental = if surname {
                "ым"
            } else if sibilant(Some(c)) {
                "ем"
            } else {
                "ом"
            };
            cases(word, ["а", "у", acc, instrumental, "е"])
        }
        _ => return None,
    };
    Some(forms)
}

fn is_russian_consonant(c: char) -> bool {
    "бвгджзклмнпрстфхцчшщ".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(name: &str, kind: InflectionKind) -> Vec<String> {
        russian_forms(name, kind)
    }

    #[test]
    fn person_names() {
        let putin = forms("Владимир Путин", InflectionKind::Person);
        for want in [
            "Владимира Путина",
            "Владимиру Путину",
            "Владимиром Путиным",
            "Владимире Путине",
        ] {
            assert!(putin.contains(&want.to_string()), "{want} not in {putin:?}");
        }
        assert!(
            forms("Сергей Лавров", InflectionKind::Person).contains(&"Сергея Лаврова".to_string())
        );
        assert!(forms("Мария Захарова", InflectionKind::Person)
            .contains(&"Марии Захаровой".to_string()));
        assert!(forms("Зеленский", InflectionKind::Person).contains(&"Зеленского".to_string()));
        assert!(forms("Си Цзиньпин", InflectionKind::Person).contains(&"Си Цзиньпина".to_string()));
    }

    #[test]
    fn places_and_organizations() {
        let china = forms("Китай", InflectionKind::Place);
        assert!(china.contains(&"Китая".to_string()) && china.contains(&"Китае".to_string()));
        assert!(forms("Россия", InflectionKind::Place).contains(&"России".to_string()));
        assert!(forms("Москва", InflectionKind::Place).contains(&"Москвы".to_string()));
        assert!(forms("Южная Корея", InflectionKind::Place).contains(&"Южной Кореи".to_string()));
        let ministry = forms("Министерство иностранных дел", InflectionKind::Organization);
        assert!(ministry.contains(&"Министерства иностранных дел".to_string()));
        assert!(forms("Кремль", InflectionKind::Organization).contains(&"Кремля".to_string()));
    }

    #[test]
    fn abbreviations_and_indeclinable_words_stay() {
        assert!(forms("США", InflectionKind::Place).is_empty());
        assert!(forms("Нью-Йорк", InflectionKind::Place).is_empty());
        assert!(forms("Помпео", InflectionKind::Person).is_empty());
    }
}
