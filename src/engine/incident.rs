//! Incident sentences: reports, allegations, denials or threats of hostile cyber operations.
//!
//! The cues live in `data/cues/incident.tsv`. A sentence is an incident when one of these
//! named rules fires (checked in order of position, the first cue that passes is the trigger):
//!
//! - a `trigger` names a cyber operation by itself ("hacked", "ransomware", "黑客", "взлом");
//! - an `ambiguous` cue is a cyber operation in a cyber setting: a cyber word in the sentence
//!   or an article about cyber operations (`in_cyber_document`); Arabic اختراق is a hack in a
//!   story about hackers and a military breach in a war report;
//! - a `weak` cue names a hostile act that is cyber only in a cyber setting ("espionage",
//!   "stole", "攻击"), so it needs a `context` or `asset` cue in the same sentence;
//! - an `impact` cue says what happened to something ("compromised", "affected", "تأثرت")
//!   and needs a digital `asset` in the same sentence ("email accounts", "حسابات");
//! - a named threat actor (an entity with the label `ThreatActor`) is mentioned; its hostile
//!   act or role (`hostile`, or any cue above) is the trigger when there is one.
//!
//! Negative rules: a cue that is the topic of policy talk ("cybercrime talks", "anti-hacking
//! law", "打击黑客") is not an operation (`is_policy_topic`); readings that only look like a cue
//! are `block` rows in the data ("hackathon", Arabic اختراق meaning a diplomatic breakthrough).
//! Denials, victimhood and allegations are deliberately not excluded: the guidelines count
//! them as incident sentences.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::cue::{normalize, CueMatch, CueSet, Normalized};
use super::lang::Lang;
use super::span::Span;
use super::{Entity, EntityLabel, Incident};

const INCIDENT_TSV: &str = include_str!("../../data/cues/incident.tsv");

/// The roles a row of `incident.tsv` can play.
pub const KINDS: &[&str] = &[
    "trigger",
    "ambiguous",
    "weak",
    "impact",
    "context",
    "asset",
    "policy_after",
    "policy_before",
    "hostile",
];

static CUES: LazyLock<CueSet> = LazyLock::new(|| load().unwrap_or_else(|_| CueSet::empty()));

/// Parses the bundled lexicon (a test checks that it loads).
pub fn load() -> Result<CueSet, super::cue::CueError> {
    CueSet::parse(INCIDENT_TSV, KINDS)
}

/// How many sentences with a cue that names a cyber operation by itself make a text an
/// article about cyber operations.
const CYBER_DOCUMENT_SENTENCES: usize = 2;

pub fn detect(text: &str, lang: Lang, sentences: &[Span], entities: &[Entity]) -> Vec<Incident> {
    let norms: Vec<Normalized> = sentences
        .iter()
        .map(|span| normalize(span.of(text)))
        .collect();
    detect_normalized(text, lang, sentences, &norms, entities)
}

/// As [`detect`], with each sentence already normalised (`norms[i]` for `sentences[i]`).
pub fn detect_normalized(
    text: &str,
    lang: Lang,
    sentences: &[Span],
    norms: &[Normalized],
    entities: &[Entity],
) -> Vec<Incident> {
    let found: Vec<(&Normalized, Vec<CueMatch>)> = sentences
        .iter()
        .zip(norms)
        .map(|(&span, norm)| (norm, CUES.find_in(norm, span, lang)))
        .collect();
    let cyber_document = in_cyber_document(&found);
    let mut out = Vec::new();
    for (sentence_idx, (&span, &(norm, ref cues))) in sentences.iter().zip(&found).enumerate() {
        if let Some(trigger) = find_trigger(norm, cues, span, entities, cyber_document) {
            let trigger_text = trigger.of(text).to_lowercase();
            let category = category_of(&trigger_text, &norm.text);
            let mut incident = Incident {
                sentence_idx,
                span,
                trigger,
                category,
                stance: stance_of(&norm.text),
                actor: None,
                target: None,
                attributed_by: None,
                date: None,
            };
            super::roles::fill_incident(text, lang, norm, entities, &mut incident);
            out.push(incident);
        }
    }
    out
}

/// The span of the first cue of the sentence that makes it an incident, if any.
fn find_trigger(
    norm: &Normalized,
    cues: &[CueMatch],
    sentence: Span,
    entities: &[Entity],
    cyber_document: bool,
) -> Option<Span> {
    let operations: Vec<&CueMatch> = cues
        .iter()
        .filter(|m| matches!(m.kind, "trigger" | "ambiguous" | "weak" | "impact"))
        .filter(|m| !is_policy_topic(norm, cues, m))
        .collect();
    let has_trigger = operations.iter().any(|m| m.kind == "trigger");
    let has_asset = cues.iter().any(|m| m.kind == "asset");
    let has_context = has_trigger || cues.iter().any(|m| m.kind == "context");
    // The strongest kind of cue is the best trigger to show; position decides among equals.
    let found = ["trigger", "ambiguous", "weak", "impact"]
        .iter()
        .find_map(|&kind| {
            operations.iter().find(|m| {
                m.kind == kind
                    && match kind {
                        "trigger" => true,
                        "ambiguous" => in_cyber_setting(has_context) || has_asset || cyber_document,
                        "weak" => in_cyber_setting(has_context),
                        _ => touches_digital_asset(has_asset),
                    }
            })
        });
    if let Some(m) = found {
        return Some(m.span);
    }
    threat_actor_mention(cues, sentence, entities)
}

/// An article is about cyber operations when several of its sentences name one by a cue that
/// needs no setting; then an ambiguous "breach" or اختراق in it is read in that sense too.
fn in_cyber_document(found: &[(&Normalized, Vec<CueMatch>)]) -> bool {
    let n_sentences = found
        .iter()
        .filter(|(norm, cues)| {
            cues.iter()
                .any(|m| m.kind == "trigger" && !is_policy_topic(norm, cues, m))
        })
        .count();
    n_sentences >= CYBER_DOCUMENT_SENTENCES
}

/// A hostile act ("stole", "espionage") is a cyber operation only in a cyber setting. A
/// "network" or "systems" alone is not one: "missiles targeted air-defence systems".
fn in_cyber_setting(has_context: bool) -> bool {
    has_context
}

/// "Affected", "compromised" are about an operation only when a digital asset was hit; a
/// cyber word alone is not enough ("cybersecurity ties were affected by the dispute").
fn touches_digital_asset(has_asset: bool) -> bool {
    has_asset
}

/// A cue that is the topic of a policy noun right after it ("cybercrime talks", "hacking
/// law", "网络攻击对话") or of a policy prefix right before it ("anti-hacking", "打击黑客"):
/// talk about the threat, not an operation.
fn is_policy_topic(norm: &Normalized, cues: &[CueMatch], cue: &CueMatch) -> bool {
    cues.iter().any(|p| match p.kind {
        "policy_after" => {
            p.norm.start >= cue.norm.end && norm.only_spaces_between(cue.norm.end, p.norm.start)
        }
        "policy_before" => {
            p.norm.end <= cue.norm.start && norm.only_spaces_between(p.norm.end, cue.norm.start)
        }
        _ => false,
    })
}

/// A named threat actor: a hacking group is named in the news for what it does, so its
/// mention alone makes the sentence an incident ("the group known as Volt Typhoon is the top
/// priority"). The trigger is its hostile act or role when the sentence has one ("Volt
/// Typhoon targeted …", "the group behind APT41"), otherwise the name.
fn threat_actor_mention(cues: &[CueMatch], sentence: Span, entities: &[Entity]) -> Option<Span> {
    let actor =
        super::entities_within(entities, sentence).find(|e| e.label == EntityLabel::ThreatActor)?;
    let act = cues.iter().find(|m| {
        matches!(
            m.kind,
            "hostile" | "trigger" | "ambiguous" | "weak" | "impact"
        )
    });
    Some(act.map_or(actor.span, |m| m.span))
}

/// The categories with the words that signal them, in order of precedence.
const CATEGORY_RULES: &[(&str, &[&str])] = &[
    (
        "ransomware",
        &[
            "ransom",
            "勒索",
            "ランサム",
            "랜섬",
            "вымогат",
            "шифровальщик",
            "فدية",
        ],
    ),
    (
        "ddos",
        &[
            "ddos",
            "denial of service",
            "denegación",
            "拒绝服务",
            "디도스",
            "حجب الخدمة",
        ],
    ),
    (
        "hack-and-leak",
        &["hacked and exposed", "hack and leak", "hacked and leaked"],
    ),
    (
        "destructive",
        &[
            "wiper",
            "sabotag",
            "destructive",
            "破坏",
            "파괴",
            "破壊",
            "диверс",
            "تخريب",
        ],
    ),
    (
        "data theft",
        &[
            "steal",
            "stole",
            "theft",
            "data",
            "trade secret",
            "窃取",
            "盗",
            "탈취",
            "유출",
            "краж",
            "سرق",
            "robo",
        ],
    ),
    (
        "espionage",
        &[
            "espionage",
            "spy",
            "spies",
            "spying",
            "间谍",
            "窃密",
            "スパイ",
            "諜報",
            "간첩",
            "첩보",
            "шпион",
            "تجسس",
            "جواسيس",
            "espion",
        ],
    ),
    (
        "intrusion/breach",
        &[
            "breach",
            "intrusion",
            "hack",
            "access",
            "compromis",
            "入侵",
            "黑客",
            "不正アクセス",
            "ハッキング",
            "해킹",
            "침입",
            "взлом",
            "اختراق",
            "اخترق",
            "hacke",
            "piratage",
        ],
    ),
];

static CATEGORIES: LazyLock<RankedNeedles> = LazyLock::new(|| {
    RankedNeedles::new(CATEGORY_RULES.iter().map(|&(_, needles)| needles).collect())
});

/// The category of an incident in the Council on Foreign Relations' cyber-operations
/// vocabulary, guessed from the trigger and the sentence (both normalised).
fn category_of(trigger: &str, sentence: &str) -> &'static str {
    CATEGORIES
        .first_group_in(trigger)
        .or_else(|| CATEGORIES.first_group_in(sentence))
        .map_or("other", |group| CATEGORY_RULES[group].0)
}

/// Words of denial, then words of a claim (a denial wins where both stand).
const DENIED: &[&str] = &[
    "denied",
    "denies",
    "deny",
    "rejects",
    "rejected",
    "dismissed",
    "groundless",
    "baseless",
    "否认",
    "驳斥",
    "毫无根据",
    "부인",
    "否定",
    "отрица",
    "опроверг",
    "negó",
    "niega",
    "نفى",
    "تنفي",
    "ينفي",
    "رفض",
];
const ALLEGED: &[&str] = &[
    "alleg",
    "accus",
    "claim",
    "suspect",
    "reportedly",
    "believed",
    "assessing",
    "said",
    "says",
    "指责",
    "指控",
    "称",
    "疑",
    "의혹",
    "주장",
    "疑い",
    "とされる",
    "обвин",
    "предполага",
    "acus",
    "presunt",
    "المزعوم",
    "اتهم",
    "يشتبه",
    "قال",
    "تقول",
];

static STANCES: LazyLock<RankedNeedles> =
    LazyLock::new(|| RankedNeedles::new(vec![DENIED, ALLEGED]));

/// Whether the sentence denies the operation, asserts it as fact, or reports a claim.
fn stance_of(sentence: &str) -> &'static str {
    match STANCES.first_group_in(sentence) {
        Some(0) => "denied",
        Some(_) => "alleged",
        None => "confirmed",
    }
}

/// Groups of words in order of precedence, searched in one pass: the first group that has
/// a word in a text. (A `str::contains` per word cost about a hundred scans of each
/// incident sentence.)
struct RankedNeedles {
    groups: Vec<&'static [&'static str]>,
    /// The group of each pattern of `matcher`.
    group_of: Vec<usize>,
    matcher: Option<AhoCorasick>,
}

impl RankedNeedles {
    fn new(groups: Vec<&'static [&'static str]>) -> RankedNeedles {
        let mut patterns = Vec::new();
        let mut group_of = Vec::new();
        for (group, needles) in groups.iter().enumerate() {
            for &needle in needles.iter() {
                patterns.push(needle);
                group_of.push(group);
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(super::cue::matcher_kind()))
            .build(&patterns)
            .ok();
        RankedNeedles {
            groups,
            group_of,
            matcher,
        }
    }

    fn first_group_in(&self, haystack: &str) -> Option<usize> {
        let Some(matcher) = &self.matcher else {
            return self
                .groups
                .iter()
                .position(|needles| needles.iter().any(|n| haystack.contains(n)));
        };
        // Overlapping search reports every pattern that occurs anywhere, as `contains` would.
        matcher
            .find_overlapping_iter(haystack)
            .map(|m| self.group_of[m.pattern().as_usize()])
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::sentence;

    #[test]
    fn ranked_needles_agree_with_contains() {
        let by_contains = |groups: &[&[&str]], hay: &str| {
            groups
                .iter()
                .position(|needles| needles.iter().any(|n| hay.contains(n)))
        };
        let categories: Vec<&[&str]> = CATEGORY_RULES.iter().map(|&(_, n)| n).collect();
        let stances: Vec<&[&str]> = vec![DENIED, ALLEGED];
        let mut hays = vec![String::new(), "nothing here".to_string()];
        for needles in categories.iter().chain(&stances) {
            for (i, n) in needles.iter().enumerate() {
                let other = needles[(i + 1) % needles.len()];
                hays.push(format!("x{n}y"));
                hays.push(format!("{other} and {n}"));
            }
        }
        for hay in &hays {
            assert_eq!(
                CATEGORIES.first_group_in(hay),
                by_contains(&categories, hay),
                "{hay:?}"
            );
            assert_eq!(
                STANCES.first_group_in(hay),
                by_contains(&stances, hay),
                "{hay:?}"
            );
        }
    }

    /// The trigger of each incident sentence of `text` (a whole document in `lang`).
    fn triggers(text: &str, lang: Lang, entities: &[Entity]) -> Vec<String> {
        let sentences = sentence::split(text);
        detect(text, lang, &sentences, entities)
            .into_iter()
            .map(|i| i.trigger.of(text).to_string())
            .collect()
    }

    macro_rules! t {
        ($name:ident, $lang:expr, $text:expr, [$($want:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<&str> = vec![$($want),*];
                assert_eq!(triggers($text, $lang, &[]), want);
            }
        };
    }

    #[test]
    fn every_cue_row_is_valid() {
        let set = load().unwrap_or_else(|e| panic!("incident.tsv: {e}"));
        for lang in ["en", "es", "ru", "ar", "zh", "ja", "ko"] {
            let lang = Lang::from_code(lang);
            assert!(
                set.cues
                    .iter()
                    .any(|c| c.lang == lang && c.kind == "trigger"),
                "no triggers for {lang:?}"
            );
        }
    }

    // Triggers, one or more per language.
    t!(
        en_hacked,
        Lang::En,
        "Officials said spies hacked the ministry's mail server.",
        ["hacked"]
    );
    t!(
        en_hyphenated_attack,
        Lang::En,
        "The group is cyber-attacking power plants.",
        ["cyber-attacking"]
    );
    t!(
        en_ransomware,
        Lang::En,
        "A ransomware gang locked the hospital out.",
        ["ransomware"]
    );
    t!(
        en_data_stealing,
        Lang::En,
        "It stopped a data-stealing campaign by a foreign group.",
        ["data-stealing"]
    );
    t!(
        es_hackeo,
        Lang::Es,
        "El gobierno denunció un hackeo masivo de sus servidores.",
        ["hackeo"]
    );
    t!(
        es_ciberataque,
        Lang::Es,
        "Rusia negó estar detrás del ciberataque.",
        ["ciberataque"]
    );
    t!(
        fr_cyberattaque,
        Lang::Fr,
        "Le ministère a subi une cyberattaque majeure.",
        ["cyberattaque"]
    );
    t!(
        de_cyberangriff,
        Lang::De,
        "Der Cyberangriff traf das Parlament.",
        ["Cyberangriff"]
    );
    t!(
        ru_vzlom,
        Lang::Ru,
        "Хакеры провели взлом серверов министерства.",
        ["Хакеры"]
    );
    t!(
        ru_kiberataka,
        Lang::Ru,
        "Москва отвергла обвинения в кибератаках.",
        ["кибератаках"]
    );
    t!(
        ar_ikhtiraq_with_clitic,
        Lang::Ar,
        "اتهمت الوزارة جهات أجنبية باختراق شبكتها.",
        ["باختراق"]
    );
    t!(
        ar_cyber_attack,
        Lang::Ar,
        "تعرضت المستشفيات لهجمات إلكترونية واسعة.",
        ["لهجمات إلكترونية"]
    );
    t!(zh_heike, Lang::Zh, "美方指责中国黑客窃取数据。", ["黑客"]);
    t!(
        zh_wangluo_gongji,
        Lang::Zh,
        "中方一贯反对一切形式的网络攻击。",
        ["网络攻击"]
    );
    t!(
        ja_fusei_access,
        Lang::Ja,
        "同社は不正アクセスを受けたと発表した。",
        ["不正アクセス"]
    );
    t!(
        ja_cyber_kougeki,
        Lang::Ja,
        "政府はサイバー攻撃への関与を否定した。",
        ["サイバー攻撃"]
    );
    t!(
        ko_hacking,
        Lang::Ko,
        "북한 해커들이 은행 전산망을 공격했다.",
        ["해커"]
    );
    t!(
        ko_cyber_attack,
        Lang::Ko,
        "정부는 대규모 사이버 공격을 받았다고 밝혔다.",
        ["사이버 공격"]
    );

    // Weak cues need a cyber word or a digital asset.
    t!(
        weak_espionage_online,
        Lang::En,
        "The espionage campaign ran through online forums.",
        ["espionage"]
    );
    t!(
        weak_espionage_alone,
        Lang::En,
        "The diplomat was expelled for espionage.",
        []
    );
    t!(
        weak_attack_alone,
        Lang::En,
        "Troops attacked the border post at dawn.",
        []
    );
    t!(
        weak_intrusion_into_cloud,
        Lang::En,
        "Investigators found an intrusion into the cloud service.",
        ["intrusion"]
    );
    t!(
        zh_weak_attack_needs_network,
        Lang::Zh,
        "他们攻击了对方的立场。黑客攻击了网络系统。",
        ["黑客"]
    );
    t!(
        ru_weak_attack_network,
        Lang::Ru,
        "Атака на серверы министерства длилась неделю.",
        ["Атака"]
    );
    t!(
        ru_invasion_is_not_cyber,
        Lang::Ru,
        "Вторжение войск началось утром.",
        []
    );

    // Ambiguous cues count in a cyber setting: the sentence or the article.
    t!(
        ar_breach_in_war_report,
        Lang::Ar,
        "أعلن الجيش اختراق الخطوط الدفاعية للعدو.",
        []
    );
    t!(
        ar_breach_in_cyber_article,
        Lang::Ar,
        "اتهمت واشنطن قراصنة صينيين بالتجسس. وقالت إن الهجمات الإلكترونية استمرت شهرا. وتزامن اكتشاف الاختراق مع الزيارة.",
        ["قراصنة", "الهجمات الإلكترونية", "الاختراق"]
    );
    t!(
        en_breach_of_border,
        Lang::En,
        "Soldiers reported a breach of the border fence.",
        []
    );
    t!(
        ko_intrusion_with_cyber_word,
        Lang::Ko,
        "사이버 침해 사고가 발생했다.",
        ["침해"]
    );

    // Impact cues need a digital asset.
    t!(
        impact_accounts_affected,
        Lang::En,
        "No email accounts of the ministry were affected.",
        ["affected"]
    );
    t!(
        impact_without_asset,
        Lang::En,
        "Cybersecurity ties were affected by the trade dispute.",
        []
    );
    t!(
        ar_impact_accounts,
        Lang::Ar,
        "قال المسؤول إن حسابات البريد لم تتأثر ولكن حسابات أخرى تأثرت.",
        ["تأثرت"]
    );

    // Named negative rule: policy talk about cybersecurity is not an operation.
    t!(
        policy_cybersecurity_cooperation,
        Lang::En,
        "Cybersecurity cooperation became a new highlight of ties.",
        []
    );
    t!(
        policy_cybercrime_talks,
        Lang::En,
        "The ministers held a new round of ransomware talks.",
        []
    );
    t!(
        policy_hacking_law,
        Lang::En,
        "Parliament passed an anti-hacking law on Monday.",
        []
    );
    t!(
        policy_ransomware_task_force,
        Lang::En,
        "The ransomware task force met in Paris.",
        []
    );
    t!(zh_policy_crackdown, Lang::Zh, "双方同意打击黑客犯罪。", []);
    t!(
        election_interference_without_cyber_means,
        Lang::En,
        "Officials warned of foreign interference in the election.",
        []
    );

    // Denials, victimhood and allegations are incidents.
    t!(
        denial_is_incident,
        Lang::En,
        "China rejects accusations of hacking as groundless.",
        ["hacking"]
    );
    t!(
        victim_is_incident,
        Lang::En,
        "Beijing says China is a victim of hacking.",
        ["hacking"]
    );
    t!(
        zh_denial_is_incident,
        Lang::Zh,
        "外交部否认参与任何网络攻击。",
        ["网络攻击"]
    );

    // Block rows: readings that only look like a cue.
    t!(
        hackathon_is_not_hacking,
        Lang::En,
        "Students won a hackathon sponsored by the ministry.",
        []
    );
    t!(
        ar_breakthrough_is_not_breach,
        Lang::Ar,
        "لم تؤد المحادثات إلى أي اختراقات. وقلل المسؤولون من احتمالات تحقيق اختراق كبير.",
        []
    );
    t!(
        ko_sovereignty_infringement,
        Lang::Ko,
        "중국은 주권 침해라고 반발했다.",
        []
    );

    #[test]
    fn threat_actor_mention_is_incident() {
        let text = "Volt Typhoon targeted ports in Guam. Volt Typhoon was named in a report.";
        let actor = |start: usize| Entity {
            span: Span::new(start, start + "Volt Typhoon".len()),
            label: EntityLabel::ThreatActor,
            canonical: "Volt Typhoon".to_string(),
        };
        let second = text.rfind("Volt Typhoon").unwrap_or(0);
        let entities = [actor(0), actor(second)];
        assert_eq!(
            triggers(text, Lang::En, &entities),
            vec!["targeted", "Volt Typhoon"]
        );
        assert!(
            triggers(text, Lang::En, &[]).is_empty(),
            "without the entity neither sentence names an operation"
        );
    }

    #[test]
    fn categories_and_stance() {
        let text = "Moscow denied that its hackers stole trade secrets. Ransomware hit the port.";
        let sentences = sentence::split(text);
        let found = detect(text, Lang::En, &sentences, &[]);
        let got: Vec<(&str, &str)> = found.iter().map(|i| (i.category, i.stance)).collect();
        assert_eq!(
            got,
            vec![("intrusion/breach", "denied"), ("ransomware", "confirmed")]
        );
    }
}
