//! Table-driven entity tests across languages: each row is a text and the mentions the
//! engine must give for it, written as `[TYPE text]` in order.

use dossier::engine::Engine;

fn marked(text: &str) -> String {
    let doc = Engine::builtin().annotate(text);
    doc.entities
        .iter()
        .map(|e| format!("[{} {}]", e.label.as_str(), e.span.of(text)))
        .collect::<Vec<_>>()
        .join(" ")
}

macro_rules! t {
    ($name:ident, $text:expr, $want:expr) => {
        #[test]
        fn $name() {
            assert_eq!(marked($text), $want);
        }
    };
}

t!(
    english_titles_are_outside_the_span,
    "President Joe Biden met Commerce Secretary Gina Raimondo.",
    "[PERSON Joe Biden] [PERSON Gina Raimondo]"
);
t!(
    english_apposition_and_surname,
    "“It is done,” Adam Hodges, spokesman for the National Security Council, said. Hodges left.",
    "[PERSON Adam Hodges] [ORG National Security Council] [PERSON Hodges]"
);
t!(
    english_us_noun_when_never_adjective,
    "China urged the US to stop.",
    "[PLACE China] [PLACE US]"
);
t!(
    english_us_dropped_when_also_adjective,
    "China urged the US to stop. US officials declined.",
    "[PLACE China]"
);
t!(
    english_hyphenated_compound,
    "the U.S.-China summit in Bangkok",
    "[PLACE Bangkok]"
);
t!(
    english_nationality_adjective_is_not_a_place,
    "Chinese hackers and American officials",
    ""
);
t!(
    english_org_with_demonym_and_acronym,
    "The Chinese Foreign Ministry and China Daily Information Co (CDIC) said. CDIC declined.",
    "[ORG Chinese Foreign Ministry] [ORG China Daily Information Co] [ORG CDIC] [ORG CDIC]"
);
t!(
    english_threat_actor_case,
    "HAFNIUM, also called Hafnium, and Volt Typhoon.",
    "[THREAT_ACTOR HAFNIUM] [THREAT_ACTOR Hafnium] [THREAT_ACTOR Volt Typhoon]"
);
t!(
    chinese_names_anywhere,
    "外交部发言人林剑表示，习近平同特朗普通电话。",
    "[ORG 外交部] [PERSON 林剑] [PERSON 习近平] [PERSON 特朗普]"
);
t!(
    japanese_katakana_name_before_title,
    "米国のルビオ国務長官は北朝鮮を非難した。",
    "[PLACE 米国] [PERSON ルビオ] [PLACE 北朝鮮]"
);
t!(
    korean_particles,
    "윤석열 대통령은 시진핑 중국 국가주석과 만났다.",
    "[PERSON 윤석열] [PERSON 시진핑] [PLACE 중국]"
);
t!(
    arabic_proclitics_and_adjective,
    "وقال وانغ يي لبلينكين إن الشركات الصينية والصين",
    "[PERSON وانغ يي] [PERSON بلينكين] [PLACE الصين]"
);
t!(
    arabic_org_with_country_adjective,
    "قالت وزارة الخارجية الصينية إن",
    "[ORG وزارة الخارجية الصينية]"
);
t!(
    russian_inflected_forms,
    "Ван И провел переговоры с Сергеем Лавровым в Москве.",
    "[PERSON Ван И] [PERSON Сергеем Лавровым] [PLACE Москве]"
);
t!(
    spanish_titles_and_places,
    "El canciller Wang Yi dijo que EE.UU. y la Casa Blanca mienten.",
    "[PERSON Wang Yi] [PLACE EE.UU.] [ORG Casa Blanca]"
);
