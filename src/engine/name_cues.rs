//! Names next to titles in Chinese, Japanese, Korean, Arabic and Russian text.
//!
//! These scripts need their own cues: Chinese writes the title before the name with no
//! space (外交部发言人毛宁), Japanese and Korean put it after (ブリンケン国務長官,
//! 조태열 외교부 장관), Arabic puts it before with adjectives in between
//! (المتحدث باسم مجلس الأمن القومي آدم هودجز), and Russian inflects the title
//! (министра иностранных дел … Сергея Лаврова). The rules only propose people; the
//! dictionary matches (`known`) are never taken for a name.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::rules::RuleMention;
use super::script::{is_arabic, is_cyrillic, is_han, is_hangul, is_kana};
use super::span::Span;
use super::EntityLabel;

/// Chinese titles written right before a name.
#[rustfmt::skip]
const ZH_TITLES: &[&str] = &[
    "发言人", "發言人", "外长", "外長", "国务卿", "國務卿", "总统", "總統", "主席", "总理", "總理",
    "首相", "大使", "部长", "部長", "防长", "顾问", "顧問", "局长", "局長", "主任", "司令", "议员",
    "議員", "议长", "議長", "秘书长", "秘書長", "特使", "总书记", "總書記", "委员长", "委員長",
    "院长", "院長", "署长", "署長", "总裁", "總裁", "董事长", "董事長", "教授", "研究员", "分析师",
    "记者", "記者", "大法官", "司长", "司長", "处长", "代表",
];

/// Japanese titles written right after a name.
#[rustfmt::skip]
const JA_TITLES: &[&str] = &[
    "大統領", "副大統領", "国務長官", "官房長官", "長官", "首相", "外相", "防衛相", "国防相", "報道官",
    "補佐官", "氏", "議員", "大使", "総裁", "委員長", "事務総長", "国家主席", "主席", "外務大臣",
    "大臣", "書記長", "総書記", "最高指導者", "社長", "会長", "代表", "首席", "副首相", "知事",
];

/// Korean titles written after a name (particles may follow: 장관은).
#[rustfmt::skip]
const KO_TITLES: &[&str] = &[
    "대통령", "부통령", "장관", "국무장관", "대변인", "총리", "주석", "국가주석", "위원장", "대사",
    "의원", "차관", "보좌관", "안보보좌관", "실장", "원장", "국장", "청장", "총장", "사무총장",
    "외무상", "외상", "총비서", "대표", "특사", "교수", "연구원", "회장", "사장", "부장", "총재",
    "수석", "비서관", "상원의원", "하원의원", "국방장관", "외교부장", "외교부장관",
];

/// Korean words that stand before a title but are not names ("당시 대통령", "정부 대변인").
#[rustfmt::skip]
const KO_NOT_NAMES: &[&str] = &[
    "당시", "현직", "전직", "신임", "차기", "역대", "이번", "지난", "오는", "해당", "관련", "정부",
    "외교", "국방", "통일", "안보", "양국", "양측", "우리", "자국", "각국", "공동", "수석", "특별",
    "국가", "전임", "후임", "현재", "당국", "부처", "대통령", "장관", "대변인", "외교부", "국무부",
    "국방부", "백악관", "크렘린", "공화당", "민주당", "여당", "야당", "상원", "하원", "의회",
];

/// Arabic titles before a name.
#[rustfmt::skip]
const AR_TITLES: &[&str] = &[
    "الرئيس", "رئيس", "رئيسة", "وزير", "وزيرة", "المتحدث", "المتحدثة", "الناطق", "الناطقة",
    "مستشار", "مستشارة", "السفير", "السفيرة", "نائب", "المبعوث", "المدير", "مدير", "مديرة",
    "زعيم", "الزعيم", "الأمين", "السيناتور", "النائب", "المستشار", "الجنرال",
];

/// Arabic words between a title and the name that are part of the title.
#[rustfmt::skip]
const AR_TITLE_WORDS: &[&str] = &[
    "باسم", "خارجية", "دفاع", "داخلية", "مجلس", "وزارة", "حكومة", "عام", "العام", "الأمن",
    "شؤون", "لشؤون", "الشؤون", "مكتب", "جهاز", "وكالة", "الأمريكي", "الأميركي",
];

/// Arabic words that end a title without a name after it.
#[rustfmt::skip]
const AR_NOT_NAMES: &[&str] = &[
    "في", "من", "إلى", "على", "عن", "أن", "إن", "مع", "يوم", "قال", "قالت", "وقال", "وقالت",
    "خلال", "بعد", "قبل", "الذي", "التي", "هو", "هي", "كان", "كانت", "إنه", "إنها", "لم", "لن",
    "قد", "ما", "لا", "حول", "بشأن", "عبر", "أمس", "اليوم", "السابق", "السابقة", "الحالي",
    "ذلك", "هذا", "هذه", "أو", "ثم", "بين", "عند", "منذ", "حتى", "إنّ", "أنّ", "لدى", "فى",
];

/// Russian title stems (any case ending follows).
#[rustfmt::skip]
const RU_TITLE_STEMS: &[&str] = &[
    "президент", "министр", "глав", "пресс-секретар", "представител", "посол", "посла",
    "советник", "директор", "председател", "премьер", "госсекретар", "спикер", "генсек",
    "лидер", "канцлер", "руководител", "помощник", "замминистр", "вице-президент", "сенатор",
];

/// Common Chinese family names, to tell a Chinese name (two or three characters) after a
/// title from the words that may follow it.
const ZH_SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文耿华郎聂严覃";

/// Characters used to transliterate foreign names into Chinese (布林肯, 沙利文, 佩斯科夫).
const ZH_TRANSLITERATION: &str = "阿埃艾安奥巴拜班邦贝本比彼波伯博布查达戴丹德迪蒂丁东杜多厄恩尔法范菲费芬丰弗福盖甘戈哥格根古哈海汉豪赫亨洪胡华怀惠霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱兰朗劳勒雷蕾里丽利莉连林琳卢鲁路伦罗洛马玛迈麦曼梅蒙米密明莫默姆穆纳娜奈南内尼妮宁纽努诺欧帕潘佩彭皮珀普齐奇乔切钦琼丘萨塞桑瑟森沙莎尚绍舍什圣史斯松苏索塔泰坦汤唐特滕提汀图托瓦万旺威韦维温文沃乌伍西希锡夏谢辛休亚扬耶伊因英尤约泽扎詹兹佐卓茨夫娃廷德·";

/// Characters that follow a Chinese name and so end it (表示, 说, 在, 的 …).
const ZH_STOPS: &str = "表说称指强回答在于对就的和与同及等会访将已也曾今昨日月年时向并还则是为被所发通介宣认警呼敦要希坚重再当近以从到之个不没都又、，。：；“”（）《》";

/// All Chinese titles in one automaton, so a text is scanned once.
static ZH_TITLE_MATCHER: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(ZH_TITLES).ok());
static JA_TITLE_MATCHER: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(JA_TITLES).ok());

/// Every occurrence of the titles, overlapping ones included.
fn title_spans(matcher: &Option<AhoCorasick>, text: &str) -> Vec<Span> {
    matcher.as_ref().map_or_else(Vec::new, |m| {
        m.find_overlapping_iter(text)
            .map(|m| Span::new(m.start(), m.end()))
            .collect()
    })
}

/// People found by title cues in the non-Latin scripts.
pub fn find(text: &str, known: &[(Span, EntityLabel)]) -> Vec<RuleMention> {
    // One pass to see which scripts the text has; most texts need one or two of the rules.
    let (mut han, mut kana, mut hangul, mut arabic_letters, mut cyrillic) =
        (false, false, false, false, false);
    for c in text.chars() {
        if c.is_ascii() {
            continue;
        }
        // The five scripts' ranges are disjoint: one test per character, not five.
        if is_han(c) {
            han = true;
        } else if is_kana(c) {
            kana = true;
        } else if is_hangul(c) {
            hangul = true;
        } else if is_arabic(c) {
            arabic_letters = true;
        } else if is_cyrillic(c) {
            cyrillic = true;
        } else {
            continue;
        }
        if han && kana && hangul && arabic_letters && cyrillic {
            break;
        }
    }
    if !(han || kana || hangul || arabic_letters || cyrillic) {
        return Vec::new();
    }
    // Known people end a title's reach ("وزيرة التجارة جينا ريموندو"); other known names
    // (organizations, places) may be part of the title.
    let mut known_people: Vec<Span> = known
        .iter()
        .filter(|(_, l)| *l == EntityLabel::Person)
        .map(|(s, _)| *s)
        .collect();
    known_people.sort_unstable();
    let mut known: Vec<Span> = known.iter().map(|(s, _)| *s).collect();
    known.sort_unstable();
    let mut out = Vec::new();
    if han {
        chinese(text, &known, &mut out);
    }
    if kana {
        japanese(text, &known, &mut out);
    }
    let words = if hangul || arabic_letters || cyrillic {
        split_words(text)
    } else {
        Vec::new()
    };
    if hangul {
        korean(text, &words, &known, &mut out);
    }
    if arabic_letters {
        arabic(text, &words, &known, &known_people, &mut out);
    }
    if cyrillic {
        russian(text, &words, &known, &mut out);
    }
    out.sort_by_key(|m| m.span);
    out.dedup();
    out
}

fn overlaps_known(known: &[Span], span: Span) -> bool {
    let i = known.partition_point(|s| s.end <= span.start);
    known.get(i).is_some_and(|s| s.start < span.end)
}

fn person(span: Span) -> RuleMention {
    RuleMention {
        span,
        label: EntityLabel::Person,
    }
}

/// 外交部发言人毛宁表示 → 毛宁; 国务卿布林肯 → 布林肯.
fn chinese(text: &str, known: &[Span], out: &mut Vec<RuleMention>) {
    {
        for title in title_spans(&ZH_TITLE_MATCHER, text) {
            let start = title.end;
            let chars: Vec<(usize, char)> = text[start..].char_indices().take(12).collect();
            let Some(&(_, first)) = chars.first() else {
                continue;
            };
            let max = if ZH_SURNAMES.contains(first) { 3 } else { 8 };
            let mut n = 0;
            while n < chars.len() && n < max {
                let c = chars[n].1;
                let fits = if ZH_SURNAMES.contains(first) {
                    is_han(c) && (n < 2 || !ZH_STOPS.contains(c))
                } else {
                    ZH_TRANSLITERATION.contains(c)
                };
                if !fits || (n > 0 && ZH_STOPS.contains(c) && c != '·') {
                    break;
                }
                n += 1;
            }
            if n < 2 || chars[n - 1].1 == '·' {
                continue;
            }
            let end = start + chars.get(n).map_or(text.len() - start, |&(i, _)| i);
            let span = Span::new(start, end);
            if !overlaps_known(known, span) {
                out.push(person(span));
            }
        }
    }
}

/// ブリンケン国務長官 → ブリンケン; 中国外務省の毛寧報道官 → 毛寧.
fn japanese(text: &str, known: &[Span], out: &mut Vec<RuleMention>) {
    if !text.chars().any(is_kana) {
        return;
    }
    let mut titles: Vec<Span> = title_spans(&JA_TITLE_MATCHER, text);
    let mut known_ends: Vec<usize> = known.iter().map(|s| s.end).collect();
    known_ends.sort_unstable();
    // Only whole titles: 長官 inside 国務長官 is not a title of its own.
    titles.sort();
    let all = titles.clone();
    let longest = JA_TITLES.iter().map(|t| t.len()).max().unwrap_or(0);
    titles.retain(|t| {
        // A containing title starts at most `longest` bytes before this one.
        let from = all.partition_point(|o| o.start + longest < t.start);
        !all[from..]
            .iter()
            .take_while(|o| o.start <= t.start)
            .any(|o| o != t && o.contains(*t))
    });
    for pos in titles.iter().map(|t| t.start) {
        let head = &text[..pos];
        let mut start = pos;
        let mut n = 0;
        let katakana = |c: char| matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '・');
        let kana_name = head.chars().next_back().is_some_and(katakana);
        let mut cut_short = false;
        for (i, c) in head.char_indices().rev() {
            let fits = if kana_name { katakana(c) } else { is_han(c) };
            // A known name ending here ends the run (a binary search: known names may be
            // many, and this is asked for every character before every title).
            if !fits || known_ends.binary_search(&(i + c.len_utf8())).is_ok() {
                break;
            }
            if !kana_name && n == 4 {
                // More Han before: the run is part of a longer word (官房 in 官房長官).
                cut_short = true;
                break;
            }
            start = i;
            n += 1;
        }
        if n < 2 || cut_short {
            continue;
        }
        let span = Span::new(start, pos);
        if !overlaps_known(known, span) && !span.of(text).starts_with('・') {
            out.push(person(span));
        }
    }
}

/// 조태열 외교부 장관은 → 조태열; 블링컨 장관 → 블링컨.
fn korean(text: &str, words: &[(usize, &str)], known: &[Span], out: &mut Vec<RuleMention>) {
    for (k, &(pos, word)) in words.iter().enumerate() {
        let hangul_word = word.chars().next().is_some_and(is_hangul);
        if k == 0 || !hangul_word || !KO_TITLES.iter().any(|t| word.starts_with(t)) {
            continue;
        }
        // Up to two modifiers between name and title ("외교부", "중국"): known names.
        let mut j = k - 1;
        let mut skipped = 0;
        loop {
            let (p, w) = words[j];
            let span = Span::new(p, p + w.len());
            if overlaps_known(known, span) && skipped < 2 && j > 0 {
                j -= 1;
                skipped += 1;
                continue;
            }
            break;
        }
        let (p, w) = words[j];
        let span = Span::new(p, p + w.len());
        let syllables = w.chars().count();
        let plausible = w.chars().all(is_hangul)
            && (2..=5).contains(&syllables)
            && !KO_NOT_NAMES.contains(&w)
            && !KO_TITLES.contains(&w)
            && !overlaps_known(known, span)
            && text[span.end..pos].chars().all(char::is_whitespace);
        if plausible {
            out.push(person(span));
        }
    }
}

/// المتحدث باسم مجلس الأمن القومي آدم هودجز → آدم هودجز.
fn arabic(
    text: &str,
    words: &[(usize, &str)],
    known: &[Span],
    known_people: &[Span],
    out: &mut Vec<RuleMention>,
) {
    for (k, &(_, word)) in words.iter().enumerate() {
        if !word.chars().next().is_some_and(is_arabic) {
            continue;
        }
        let bare = word
            .strip_prefix('و')
            .filter(|w| AR_TITLES.contains(w))
            .unwrap_or(word);
        if !AR_TITLES.contains(&bare) {
            continue;
        }
        let mut j = k + 1;
        while j < words.len() && j - k <= 6 {
            let (p, w) = words[j];
            let (prev_pos, prev) = words[j - 1];
            if &text[prev_pos + prev.len()..p] != " " {
                break;
            }
            let span = Span::new(p, p + w.len());
            if overlaps_known(known_people, span) {
                break;
            }
            let in_known = overlaps_known(known, span);
            if w.starts_with("ال") || AR_TITLE_WORDS.contains(&w) || in_known {
                j += 1;
            } else {
                break;
            }
        }
        if j + 1 >= words.len() || j - k > 6 {
            continue;
        }
        let (first_pos, first) = words[j];
        let (second_pos, second) = words[j + 1];
        let (prev_pos, prev) = words[j - 1];
        if &text[prev_pos + prev.len()..first_pos] != " " {
            continue;
        }
        let name_word = |w: &str| {
            w.chars().all(is_arabic)
                && w.chars().count() >= 2
                && !w.starts_with("ال")
                && !AR_NOT_NAMES.contains(&w)
                && !AR_TITLES.contains(&w)
                && !AR_TITLE_WORDS.contains(&w)
        };
        // The two name words must be adjacent (one space) and on the same line.
        let gap = &text[first_pos + first.len()..second_pos];
        if name_word(first) && name_word(second) && gap == " " {
            let span = Span::new(first_pos, second_pos + second.len());
            if !overlaps_known(known, span) {
                out.push(person(span));
            }
        }
    }
}

/// пресс-секретарь Кремля Дмитрий Песков → Дмитрий Песков.
fn russian(text: &str, words: &[(usize, &str)], known: &[Span], out: &mut Vec<RuleMention>) {
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars
            .next()
            .is_some_and(|c| c.is_uppercase() && is_cyrillic(c))
            && chars.clone().count() >= 1
            && chars.all(|c| c.is_lowercase() || c == '-')
    };
    for (k, &(_, word)) in words.iter().enumerate() {
        if !word.chars().next().is_some_and(is_cyrillic) {
            continue;
        }
        let lower = word.to_lowercase();
        if !RU_TITLE_STEMS.iter().any(|s| lower.starts_with(s)) {
            continue;
        }
        let mut j = k + 1;
        while j < words.len() && j - k <= 4 {
            let (p, w) = words[j];
            let in_known = overlaps_known(known, Span::new(p, p + w.len()));
            let lowercase = w.chars().next().is_some_and(char::is_lowercase);
            if lowercase || in_known || w.chars().all(|c| c.is_uppercase()) {
                j += 1;
            } else {
                break;
            }
        }
        // The run of capitalised words after the title, one space apart.
        let mut run = Vec::new();
        while let Some(&(p, w)) = words.get(j + run.len()) {
            let spaced = run
                .last()
                .is_none_or(|&(q, v): &(usize, &str)| &text[q + v.len()..p] == " ");
            if run.len() == 4 || !spaced || !capitalised(w) {
                break;
            }
            run.push((p, w));
        }
        let is_patronymic = |w: &str| {
            ["ович", "евич", "ьич", "овна", "евна", "ична", "инична"]
                .iter()
                .any(|end| w.ends_with(end))
        };
        // "Максут Игоревич Шадаев": first name, patronymic, surname. "Минцифры Максут
        // Шадаев": an organisation the lists do not know, in the genitive, then the name.
        let name = match run.as_slice() {
            [first, second, third, ..] if is_patronymic(second.1) => Some((*first, *third)),
            [org, first, second] => {
                out.push(RuleMention {
                    span: Span::new(org.0, org.0 + org.1.len()),
                    label: EntityLabel::Org,
                });
                Some((*first, *second))
            }
            [first, second, ..] => Some((*first, *second)),
            _ => None,
        };
        if let Some(((first_pos, _), (last_pos, last))) = name {
            let span = Span::new(first_pos, last_pos + last.len());
            if !overlaps_known(known, span) {
                out.push(person(span));
            }
        }
    }
}

/// Words separated by whitespace and punctuation (letters, marks, digits, "-").
fn split_words(text: &str) -> Vec<(usize, &str)> {
    // Latin words play no part in these rules: only words that start with another script are
    // kept (a Latin word between two kept words still breaks their adjacency).
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '_' || c == '-'
        } else {
            super::script::is_word_char(c)
        };
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if !text.as_bytes()[s].is_ascii() {
                    words.push((s, &text[s..i]));
                }
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        if !text.as_bytes()[s].is_ascii() {
            words.push((s, &text[s..]));
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The script census tests the scripts one after another and stops at the first that
    /// fits: that is right only while no character belongs to two of them.
    #[test]
    fn census_scripts_are_disjoint() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let n = [is_han, is_kana, is_hangul, is_arabic, is_cyrillic]
                .iter()
                .filter(|is| is(c))
                .count();
            assert!(n <= 1, "{c:?}");
        }
    }

    fn people(text: &str) -> Vec<&str> {
        find(text, &[]).iter().map(|m| m.span.of(text)).collect()
    }

    #[test]
    fn chinese_title_then_name() {
        assert_eq!(people("外交部发言人毛宁表示"), ["毛宁"]);
        assert_eq!(people("美国国务卿布林肯在会上说"), ["布林肯"]);
        assert!(people("发言人表示").is_empty());
    }

    #[test]
    fn japanese_name_then_title() {
        assert_eq!(people("ブリンケン国務長官は述べた"), ["ブリンケン"]);
        assert_eq!(people("外務省の毛寧報道官は"), ["毛寧"]);
        assert_eq!(people("中国外務省報道官は"), Vec::<&str>::new());
    }

    #[test]
    fn korean_name_then_title() {
        assert_eq!(people("조태열 장관은 말했다"), ["조태열"]);
        assert!(people("당시 대통령은").is_empty());
    }

    #[test]
    fn arabic_title_then_name() {
        assert_eq!(
            people("قال المتحدث باسم المجلس آدم هودجز للصحيفة"),
            ["آدم هودجز"]
        );
        assert!(people("قال الرئيس في بيان").is_empty());
        assert!(people("وزيرة التجارة.\nيُعرف وانغ باسم").is_empty());
    }

    #[test]
    fn russian_title_then_name() {
        assert_eq!(
            people("заявил пресс-секретарь президента Дмитрий Песков"),
            ["Дмитрий Песков"]
        );
        assert!(people("министр иностранных дел заявил").is_empty());
    }

    fn found(text: &str) -> Vec<(&str, EntityLabel)> {
        find(text, &[])
            .iter()
            .map(|m| (m.span.of(text), m.label))
            .collect()
    }

    #[test]
    fn russian_title_organisation_then_name() {
        assert_eq!(
            found("Глава Минцифры Максут Шадаев сообщил"),
            [
                ("Минцифры", EntityLabel::Org),
                ("Максут Шадаев", EntityLabel::Person)
            ]
        );
        assert_eq!(
            found("глава ведомства Максут Игоревич Шадаев сообщил"),
            [("Максут Игоревич Шадаев", EntityLabel::Person)]
        );
        assert_eq!(
            found("сказал министр Сергей Лавров. Москва"),
            [("Сергей Лавров", EntityLabel::Person)]
        );
    }
}
