//! Pledge sentences: a state or official commits to doing (or not doing) something.
//!
//! The cues live in `data/cues/pledge.tsv`. A sentence is a pledge when it names someone who
//! can commit (`has_committer`) and holds a commitment cue that survives the negative rules:
//!
//! - a `trigger` carries a commitment by itself ("pledged", "willing to", "承诺", "تعهد");
//! - a `noun` ("promise", "commitment", "обещание") after a determiner or possessive is a
//!   commitment only with a `support` verb before it ("made this promise", "reaffirming
//!   Xi's promise"); "despite Xi's promise" or "a promise of better weather" are not
//!   (`noun_is_commitment`);
//! - `is_negated`: a negation just before the cue ("showed little willingness", "不愿意");
//! - `is_demanded`: the cue is what a `demand` or `accusation` asks of someone else ("urged
//!   the US to commit to", "敦促美方承诺", "약속하라고 촉구");
//! - `is_hedged`: the cue is an observer's guess or a condition ("is expected to agree",
//!   "seem to be a move to reconfirm the promise", "if China agrees").
//! - `is_question`: a question commits no one ("Is Beijing willing to talk?").
//!
//! Demands and guesses do not reach across a clause break (punctuation or a `break` word such
//! as "but"), so "Washington should listen, and Beijing is willing to talk" is a pledge.
//! Korean and Japanese put the demand and the guess after the verb ("약속하라고 촉구했다"),
//! so for their cues the rules look right instead of left.

use std::sync::LazyLock;

use super::cue::{clause_break_between, normalize, CueMatch, CueSet, Normalized};
use super::lang::Lang;
use super::span::Span;
use super::{Entity, EntityLabel, Pledge};

const PLEDGE_TSV: &str = include_str!("../../data/cues/pledge.tsv");

/// The roles a row of `pledge.tsv` can play.
pub const KINDS: &[&str] = &[
    "trigger",
    "noun",
    "support",
    "det",
    "demand",
    "accusation",
    "hedge",
    "negation",
    "break",
    "actor",
];

static CUES: LazyLock<CueSet> = LazyLock::new(|| load().unwrap_or_else(|_| CueSet::empty()));

/// The kinds of cue that can make a sentence a pledge: most sentences have none.
const TRIGGER_KINDS: &[&str] = &["trigger", "noun"];

/// The cues of [`TRIGGER_KINDS`] alone, to pass over the sentences without one quickly.
static TRIGGERS: LazyLock<CueSet> = LazyLock::new(|| {
    CueSet::parse_gate(PLEDGE_TSV, KINDS, TRIGGER_KINDS).unwrap_or_else(|_| CueSet::empty())
});

/// Parses the bundled lexicon (a test checks that it loads).
pub fn load() -> Result<CueSet, super::cue::CueError> {
    CueSet::parse(PLEDGE_TSV, KINDS)
}

/// How far (in words) a negation reaches forward to its verb.
const NEGATION_REACH: usize = 2;
/// How far a support verb reaches to its noun ("reaffirming President Xi's promise").
const SUPPORT_REACH: usize = 4;
/// How far a demand reaches to the verb it governs ("urged the United States and its
/// allies to commit to").
const DEMAND_REACH: usize = 12;
/// How far an observer's guess reaches ("seem to be a move by the President and his adviser
/// to reconfirm the promise").
const HEDGE_REACH: usize = 16;
/// How far after the commitment a "not" still makes it a commitment not to do something.
const POLARITY_REACH: usize = 8;

pub fn detect(text: &str, lang: Lang, sentences: &[Span], entities: &[Entity]) -> Vec<Pledge> {
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
) -> Vec<Pledge> {
    let mut out = Vec::new();
    for (sentence_idx, (&span, norm)) in sentences.iter().zip(norms).enumerate() {
        if TRIGGERS.find_in(norm, span, lang).is_empty() {
            continue;
        }
        let cues = CUES.find_in(norm, span, lang);
        if is_question(span.of(text)) || !has_committer(text, &cues, span, entities) {
            continue;
        }
        let found = cues
            .iter()
            .filter(|m| TRIGGER_KINDS.contains(&m.kind))
            .find(|m| {
                (m.kind == "trigger" || noun_is_commitment(norm, &cues, m))
                    && !is_negated(norm, &cues, m)
                    && !is_demanded(norm, &cues, m)
                    && !is_hedged(norm, &cues, m)
            });
        if let Some(trigger) = found {
            let mut pledge = Pledge {
                sentence_idx,
                span,
                trigger: trigger.span,
                polarity: polarity_of(norm, &cues, trigger),
                actor: None,
                counterpart: None,
                content: None,
                cameo: super::roles::DEFAULT_CAMEO,
                plover: "",
            };
            super::roles::fill_pledge(text, lang, sentences, norm, entities, &mut pledge);
            out.push(pledge);
        }
    }
    out
}

/// Someone who can commit: a named person, organisation or place (a state), or a word such
/// as "both sides", "the minister", "we", "双方", "الجانبان".
/// In Latin script a capitalised word after the first is taken for a name the dictionaries
/// do not know ("Xi Jinping Assures Biden …").
fn has_committer(text: &str, cues: &[CueMatch], sentence: Span, entities: &[Entity]) -> bool {
    super::entities_within(entities, sentence).any(|e| e.label != EntityLabel::ThreatActor)
        || cues.iter().any(|m| m.kind == "actor")
        || has_capitalised_name(sentence.of(text))
}

fn has_capitalised_name(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .skip(1)
        .any(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() && c.is_alphabetic())
        })
}

/// A question commits no one: "Is Beijing willing to talk?", "中方是否愿意……？".
fn is_question(sentence: &str) -> bool {
    let end = sentence.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | '」' | ')')
    });
    end.ends_with(['?', '？', '؟'])
}

fn is_sov(cue: &CueMatch) -> bool {
    matches!(
        CUES.cues.get(cue.cue).map(|c| c.lang),
        Some(Lang::Ko | Lang::Ja)
    )
}

/// Languages whose nouns take articles, so a commitment noun without one is a verb
/// ("China, US pledge to cooperate") or a headline ("Pledge to cooperate …").
fn has_articles(lang: Lang) -> bool {
    matches!(lang, Lang::En | Lang::Es | Lang::Fr | Lang::De)
}

/// A commitment noun is a commitment when a support verb governs it ("made this promise",
/// "reaffirming Xi's promise"). In a language with articles, a bare noun is a verb use or a
/// headline and counts by itself; after a determiner or possessive it needs the support.
fn noun_is_commitment(norm: &Normalized, cues: &[CueMatch], noun: &CueMatch) -> bool {
    let lang = CUES.cues.get(noun.cue).map_or(Lang::Und, |c| c.lang);
    let before = norm.text[..noun.norm.start].trim_end();
    let at_start = !before.chars().any(char::is_alphanumeric);
    if at_start && has_articles(lang) {
        return true;
    }
    let after_determiner = before.ends_with("'s")
        || before.ends_with("s'")
        || cues.iter().any(|d| {
            d.kind == "det"
                && d.norm.end <= noun.norm.start
                && norm.only_spaces_between(d.norm.end, noun.norm.start)
        });
    if has_articles(lang) && !after_determiner {
        return true;
    }
    cues.iter().any(|s| {
        s.kind == "support"
            && s.norm.end <= noun.norm.start
            && within(norm, cues, s.norm.end, noun.norm.start, SUPPORT_REACH)
    })
}

/// A negation right before the cue: "not willing", "little willingness", "不愿意", "لم يتعهد".
fn is_negated(norm: &Normalized, cues: &[CueMatch], cue: &CueMatch) -> bool {
    cues.iter().any(|n| {
        n.kind == "negation"
            && n.norm.end <= cue.norm.start
            && within(norm, cues, n.norm.end, cue.norm.start, NEGATION_REACH)
    })
}

/// The cue is what someone demands of another party or accuses them of: "urged the US to
/// honour its commitment", "called on both sides to agree to", "약속하라고 촉구했다".
fn is_demanded(norm: &Normalized, cues: &[CueMatch], cue: &CueMatch) -> bool {
    governed_by(norm, cues, cue, &["demand", "accusation"], DEMAND_REACH)
}

/// The cue is a guess, a hope or a condition: "analysts expect Beijing to agree to", "if
/// China is willing to", "合意する見通し".
fn is_hedged(norm: &Normalized, cues: &[CueMatch], cue: &CueMatch) -> bool {
    governed_by(norm, cues, cue, &["hedge"], HEDGE_REACH)
}

/// A cue of one of `kinds` before `cue` (after it in Korean and Japanese) in the same clause.
fn governed_by(
    norm: &Normalized,
    cues: &[CueMatch],
    cue: &CueMatch,
    kinds: &[&str],
    reach: usize,
) -> bool {
    let sov = is_sov(cue);
    cues.iter().any(|g| {
        if !kinds.contains(&g.kind) {
            return false;
        }
        if sov {
            g.norm.start >= cue.norm.end && within(norm, cues, cue.norm.end, g.norm.start, reach)
        } else {
            g.norm.end <= cue.norm.start && within(norm, cues, g.norm.end, cue.norm.start, reach)
        }
    })
}

/// "Negative" when a negation stands inside the commitment or soon after it: "will not
/// interfere", "promised … China would not interfere", "不会干预".
fn polarity_of(norm: &Normalized, cues: &[CueMatch], cue: &CueMatch) -> &'static str {
    let negative = cues.iter().any(|n| {
        n.kind == "negation"
            && n.norm.start >= cue.norm.start
            && (n.norm.end <= cue.norm.end
                || within(norm, cues, cue.norm.end, n.norm.start, POLARITY_REACH))
    });
    if negative
        || ["not", "不", "لن", "не ", "no "]
            .iter()
            .any(|n| norm.text[cue.norm.start..cue.norm.end].contains(n))
    {
        "negative"
    } else {
        "positive"
    }
}

/// `start..end` spans at most `reach` words and crosses no clause break.
fn within(norm: &Normalized, cues: &[CueMatch], start: usize, end: usize, reach: usize) -> bool {
    norm.words_between(start, end) <= reach
        && !clause_break_between(norm, start, end)
        && !cues
            .iter()
            .any(|b| b.kind == "break" && b.norm.start >= start && b.norm.end <= end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::sentence;

    fn triggers(text: &str, lang: Lang) -> Vec<String> {
        let sentences = sentence::split(text);
        detect(text, lang, &sentences, &[])
            .into_iter()
            .map(|p| p.trigger.of(text).to_string())
            .collect()
    }

    macro_rules! t {
        ($name:ident, $lang:expr, $text:expr, [$($want:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<&str> = vec![$($want),*];
                assert_eq!(triggers($text, $lang), want);
            }
        };
    }

    #[test]
    fn every_cue_row_is_valid() {
        let set = load().unwrap_or_else(|e| panic!("pledge.tsv: {e}"));
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
        en_pledged,
        Lang::En,
        "The two leaders pledged to restore military contacts.",
        ["pledged"]
    );
    t!(
        en_willing,
        Lang::En,
        "The minister said Tokyo is willing to resume talks.",
        ["willing to"]
    );
    t!(
        en_invitation,
        Lang::En,
        "She accepted an invitation to visit Seoul in May.",
        ["accepted an invitation"]
    );
    t!(
        en_looking_forward,
        Lang::En,
        "The government is looking forward to working with the new team.",
        ["looking forward to working"]
    );
    t!(
        es_se_comprometio,
        Lang::Es,
        "El presidente se comprometió a reducir los aranceles.",
        ["se comprometió"]
    );
    t!(
        es_dispuesto,
        Lang::Es,
        "El gobierno está dispuesto a dialogar con Caracas.",
        ["dispuesto a"]
    );
    t!(
        fr_engage,
        Lang::Fr,
        "Le président s'est engagé à protéger les réseaux.",
        ["s'est engagé"]
    );
    t!(
        de_vereinbart,
        Lang::De,
        "Die Minister vereinbarten einen regelmäßigen Dialog.",
        ["vereinbarten"]
    );
    t!(
        ru_poobeshal,
        Lang::Ru,
        "Президент пообещал не вмешиваться в выборы.",
        ["пообещал"]
    );
    t!(
        ru_gotov,
        Lang::Ru,
        "Министр заявил, что Москва готова к диалогу.",
        ["готова"]
    );
    t!(
        ar_taahhud,
        Lang::Ar,
        "وتعهد الرئيس بتحسين العلاقات مع جيرانه.",
        ["وتعهد"]
    );
    t!(
        ar_ittafaqa,
        Lang::Ar,
        "واتفق الوزيران على مواصلة الحوار.",
        ["واتفق"]
    );
    t!(
        ar_invitation,
        Lang::Ar,
        "وقال الوزير إنه قبل دعوة لزيارة القاهرة.",
        ["قبل دعوة"]
    );
    t!(zh_chengnuo, Lang::Zh, "双方承诺加强沟通。", ["承诺"]);
    t!(
        zh_yuantong,
        Lang::Zh,
        "中方愿同各方一道维护网络空间和平。",
        ["愿同"]
    );
    t!(
        ja_goui,
        Lang::Ja,
        "両首脳は対話を続けることで合意した。",
        ["で合意"]
    );
    t!(
        ja_youi,
        Lang::Ja,
        "政府は協議に応じる用意があると述べた。",
        ["用意がある"]
    );
    t!(
        ko_yaksok,
        Lang::Ko,
        "양국 정상은 협력 강화를 약속했다.",
        ["약속했"]
    );
    t!(
        ko_hapui,
        Lang::Ko,
        "양측은 대화를 계속하기로 합의했다.",
        ["하기로 합의"]
    );

    // Commitment nouns need a support verb after a determiner or possessive.
    t!(
        noun_made_this_promise,
        Lang::En,
        "The president made this promise to the premier.",
        ["promise"]
    );
    t!(
        noun_reaffirming,
        Lang::En,
        "The adviser raised it again, reaffirming the President's promise.",
        ["promise"]
    );
    t!(
        noun_despite_promise,
        Lang::En,
        "Despite the President's promise, officials remain doubtful.",
        []
    );
    t!(
        noun_promise_of_weather,
        Lang::En,
        "The minister enjoyed a promise of better weather.",
        []
    );
    t!(
        noun_headline,
        Lang::En,
        "Pledge to cooperate made by the minister during talks",
        ["Pledge"]
    );
    t!(
        noun_after_of,
        Lang::En,
        "The minister listed a series of pledges by others.",
        []
    );
    t!(
        noun_verb_use,
        Lang::En,
        "China, US pledge to cooperate on climate",
        ["pledge"]
    );
    t!(
        es_noun_support,
        Lang::Es,
        "El ministro reiteró la promesa de no intervenir.",
        ["promesa"]
    );
    t!(
        es_noun_bare,
        Lang::Es,
        "El ministro mencionó la promesa del gobierno.",
        []
    );

    // Named negative rule: demands and appeals are not commitments.
    t!(
        demand_urged,
        Lang::En,
        "The minister urged Washington to commit to the talks.",
        []
    );
    t!(
        demand_should,
        Lang::En,
        "Both sides should be willing to compromise.",
        []
    );
    t!(
        demand_then_commitment,
        Lang::En,
        "Washington should listen, and Beijing is willing to talk.",
        ["willing to"]
    );
    t!(zh_demand, Lang::Zh, "外交部敦促美方承诺停止干涉。", []);
    t!(
        ko_demand_in_a_later_clause,
        Lang::Ko,
        "양국은 대화를 계속하기로 합의했다고 밝히며 북한에 도발 중단을 촉구했다.",
        ["하기로 합의"]
    );
    t!(
        ar_demand,
        Lang::Ar,
        "وحث الوزير واشنطن على التعهد بعدم التدخل.",
        []
    );
    t!(
        ko_demand_after_verb,
        Lang::Ko,
        "정부는 북한에 비핵화를 약속하라고 촉구했다.",
        []
    );
    t!(
        ru_demand,
        Lang::Ru,
        "Министр призвал Вашингтон быть готовым к диалогу.",
        []
    );
    t!(
        es_demand,
        Lang::Es,
        "El canciller instó a Washington a estar dispuesto a dialogar.",
        []
    );
    t!(
        accusation,
        Lang::En,
        "The ministry accused Washington of breaking promises to allies.",
        []
    );

    // Named negative rule: negations and reluctance.
    t!(
        negated_little_willingness,
        Lang::En,
        "The officials showed little willingness to compromise.",
        []
    );
    t!(
        negated_only_one_of_two,
        Lang::En,
        "Both sides expressed a willingness to talk but showed little willingness to compromise.",
        ["willingness to"]
    );
    t!(zh_negated, Lang::Zh, "美方不愿意承担责任。", []);
    t!(
        zh_bu_inside_a_word_is_not_negation,
        Lang::Zh,
        "中方不断表示愿意合作。",
        ["表示愿"]
    );
    t!(
        zh_bu_tong_yi_is_disagreement,
        Lang::Zh,
        "美方不同意这一方案。",
        []
    );
    t!(ja_negated_block, Lang::Ja, "両国は合意に至らなかった。", []);
    t!(
        ko_negated_block,
        Lang::Ko,
        "양국은 합의에 이르지 못했다.",
        []
    );

    // Named negative rule: observers' predictions and conditions.
    t!(
        hedge_expected,
        Lang::En,
        "Analysts expect Beijing to agree to new talks.",
        []
    );
    t!(
        hedge_seem,
        Lang::En,
        "The visits seem to be a move by the minister to reconfirm the premier's promise.",
        []
    );
    t!(
        hedge_if,
        Lang::En,
        "It is unclear if the minister is willing to meet.",
        []
    );
    t!(
        ja_hedge_after_verb,
        Lang::Ja,
        "両国は近く合意する見通しだ。",
        []
    );

    // Named negative rule: a question commits no one.
    t!(
        question_en,
        Lang::En,
        "Is Beijing willing to resume talks?",
        []
    );
    t!(question_ar, Lang::Ar, "هل الصين مستعدة للحوار؟", []);

    // Someone must commit.
    t!(no_committer, Lang::En, "Promised rain never came.", []);
    t!(
        capitalised_name_commits,
        Lang::En,
        "Xi Jinping Assures Biden of Non-Interference",
        ["Assures"]
    );

    #[test]
    fn polarity_of_commitments() {
        let text = "The president promised that his country would not interfere. \
                    The minister pledged to expand trade.";
        let sentences = sentence::split(text);
        let got: Vec<&str> = detect(text, Lang::En, &sentences, &[])
            .iter()
            .map(|p| p.polarity)
            .collect();
        assert_eq!(got, vec!["negative", "positive"]);
    }
}
