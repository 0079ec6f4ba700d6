//! Cue rules for names in no dictionary, in Latin-script text.
//!
//! A person is a run of capitalised name words after a title ("Commerce Secretary Gina
//! Raimondo" → "Gina Raimondo", without the title), before an appositive role
//! ("Adam Hodges, spokesman for …"), next to a speech verb ("… said Adam Hodges") or after
//! a byline "By". An organization is a run of capitalised words around an organization
//! head noun ("Chinese Communist Party Central Political Bureau", "Ministry of State
//! Security", "China Daily Information Co").
//!
//! The rules see the dictionary matches, so a known place or organization is never taken
//! for a name. All cue words are data in the lists below.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::span::Span;
use super::EntityLabel;

/// A name proposed by a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleMention {
    pub span: Span,
    pub label: EntityLabel,
}

/// Capitalised titles written before a name ("President", "Sen.").
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "President", "Vice", "Premier", "Prime", "Minister", "Secretary", "Senator", "Sen.", "Rep.",
    "Representative", "Gov.", "Governor", "Ambassador", "Spokesman", "Spokeswoman", "Spokesperson",
    "Adviser", "Advisor", "Director", "Chairman", "Chairwoman", "General", "Gen.", "Admiral",
    "Adm.", "Lt.", "Col.", "Commissioner", "Attorney", "Mayor", "King", "Queen", "Prince",
    "Princess", "Pope", "Sheikh", "Chief", "Commander", "Deputy", "Councillor", "Councilor",
    "Envoy", "Judge", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Professor", "Member", "Leader",
    "CEO", "Speaker", "Chancellor", "Emir", "Crown", "Sultan", "Marshal", "Colonel", "Lieutenant",
    "Congressman", "Congresswoman", "Lawmaker", "Counselor", "Consul", "Presidents", "Mr", "Mrs",
    "Ms", "Dr", "Presidente", "Ministro", "Ministra", "Canciller", "Portavoz", "Président",
    "Ministre", "Präsident", "Minister", "Kanzler", "Außenminister",
];

/// Lower-case role nouns that may stand right before a name ("spokesperson Mao Ning") or
/// after it in an apposition ("Adam Hodges, spokesman for …").
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "secretary", "adviser",
    "advisor", "ambassador", "envoy", "senator", "director", "chairman", "chairwoman", "chief",
    "leader", "analyst", "researcher", "professor", "reporter", "correspondent", "official",
    "commander", "general", "premier", "chancellor", "governor", "mayor", "lawmaker", "diplomat",
    "counterpart", "ceo", "founder", "expert", "author", "attorney", "lawyer", "economist",
    "scholar", "fellow", "head", "coordinator", "councillor", "councilor", "editor", "writer",
    "columnist", "commissioner", "deputy", "representative", "congressman", "congresswoman",
    "presidente", "ministro", "ministra", "portavoz", "canciller", "ministre", "porte-parole",
    "sprecher", "sprecherin",
];

/// Capitalised words that continue a title between it and the name
/// ("Secretary of Homeland Security Jeh Johnson").
#[rustfmt::skip]
const TITLE_CONTINUATIONS: &[&str] = &[
    "State", "Homeland", "Security", "Defense", "Defence", "Commerce", "Treasury", "Foreign",
    "Affairs", "Public", "National", "Home", "Trade", "Finance", "Economy", "Interior", "Justice",
    "Energy", "Health", "Cyber", "Cybersecurity", "Intelligence", "Information", "Technology",
    "Industry", "Policy", "Planning", "Strategic", "International", "Development", "Cooperation",
    "Relations", "Communications", "Digital", "Unification", "Staff", "Joint", "Chiefs", "War",
    "Transportation", "Education", "Agriculture", "Labor", "Labour", "Climate", "Science",
    "Executive", "Assistant", "Under", "Principal", "Special", "Senior", "Acting", "Former",
    "Central", "Military", "Commission", "Council", "Committee", "Party", "Political", "Bureau",
    "Department", "Ministry", "Office", "General", "Immigration", "Legal", "Counsel", "Asia",
    "Pacific", "East", "Asian", "Europe", "European", "Affairs", "Internal", "Press",
];

/// Head nouns that end (or, followed by "of …", open) an organization name.
#[rustfmt::skip]
const ORG_HEADS: &[&str] = &[
    "Ministry", "Department", "Agency", "Bureau", "Council", "Commission", "Committee", "Office",
    "Administration", "Command", "Institute", "University", "College", "Party", "Army", "Navy",
    "Corps", "Service", "Services", "Authority", "Center", "Centre", "Foundation", "Association",
    "Corporation", "Corp.", "Corp", "Inc.", "Inc", "Co.", "Co", "Company", "Ltd.", "Ltd", "Bank",
    "Court", "Parliament", "Assembly", "Senate", "Times", "Post", "News", "Daily", "Journal",
    "Herald", "Tribune", "Gazette", "Laboratory", "Laboratories", "Labs", "Technologies",
    "Systems", "Directorate", "Federation", "Union", "Organization", "Organisation", "Forces",
    "Guard", "Police", "Academy", "Institution", "Secretariat", "Cabinet", "Embassy", "Consulate",
    "Library",
];

/// Head nouns that open an organization name in Spanish, Portuguese, French and Italian,
/// where the name follows its head: "Centro Criptológico Nacional", "Ministerio de Defensa",
/// "Agence nationale de la sécurité", "Oficina de Seguridad del Internauta".
#[rustfmt::skip]
const ROMANCE_ORG_HEADS: &[&str] = &[
    "Ministerio", "Ministério", "Ministère", "Ministero", "Agencia", "Agência", "Agence",
    "Agenzia", "Centro", "Centre", "Oficina", "Comisión", "Comissão", "Commissione", "Consejo",
    "Conselho", "Conseil", "Instituto", "Institut", "Istituto", "Servicio", "Serviço", "Service",
    "Dirección", "Direção", "Direction", "Departamento", "Secretaría", "Tribunal", "Banco",
    "Universidad", "Universidade", "Université", "Università", "Policía", "Polícia",
    "Guardia", "Fuerzas", "Ejército", "Armada", "Partido", "Parti", "Congreso", "Cámara",
    "Procuraduría", "Fiscalía", "Autoridad", "Autorité", "Autorità",
];

/// Articles after a connector in those languages: "de la", "de las", "de los", "dei".
const ROMANCE_ARTICLES: &[&str] = &[
    "la", "las", "los", "el", "le", "les", "lo", "a", "o", "da", "do",
];

/// Words that join a head to its complement ("Ministry of State Security").
const ORG_CONNECTORS: &[&str] = &[
    "of", "for", "on", "de", "del", "du", "des", "da", "do", "dos", "das", "di", "della", "per",
    "para",
];

/// Head nouns of named places that are in no list ("Pyroli Estate", "Hainan Island").
#[rustfmt::skip]
const PLACE_HEADS: &[&str] = &[
    "Estate", "Island", "Islands", "Province", "Prefecture", "County", "Strait", "Airport",
    "Peninsula", "Square", "Palace", "Base",
];

/// Capitalised function words: they never continue a name or an organization.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "The", "A", "An", "And", "But", "Or", "Nor", "In", "On", "At", "Of", "For", "To", "From",
    "By", "With", "As", "He", "She", "It", "We", "They", "I", "You", "His", "Her", "Their", "Its",
    "Our", "My", "Your", "This", "That", "These", "Those", "There", "Here", "When", "Where",
    "While", "After", "Before", "During", "Since", "If", "Although", "Though", "However",
    "Meanwhile", "Also", "Not", "No", "Yes", "Why", "What", "Who", "How", "Which", "Then", "Now",
    "So", "Yet", "Still", "Even", "Only", "All", "Some", "Many", "Most", "Other", "Such",
    "According", "Currently", "Indeed", "Today", "Yesterday", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
    "June", "July", "August", "September", "October", "November", "December", "Later",
    "Earlier", "Separately", "Additionally", "Moreover", "Furthermore", "Finally", "Previously",
    "Recently", "Instead", "Unlike", "Like", "Under", "Over", "Through", "Despite", "Amid",
    "Among", "Between", "Against", "Without", "Within", "Following", "Asked", "Speaking",
    "Writing", "Responding", "Citing", "Including", "Last", "Next", "Both", "Every", "Each",
    "El", "La", "Los", "Las", "Un", "Una", "Según", "Le", "Les", "Une", "Selon", "Der", "Die",
    "Das", "Il", "Lo", "Gli",
];

/// Speech verbs next to a name ("Adam Hodges said", "said Adam Hodges").
#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "added", "wrote", "noted", "stated", "explained", "argued", "warned",
    "asked", "replied", "responded", "stressed", "insisted", "dijo", "afirmó", "declaró",
];

/// Capitalised words that are never part of a name.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "The", "A", "An", "And", "But", "Or", "Nor", "In", "On", "At", "Of", "For", "To", "From",
    "By", "With", "As", "He", "She", "It", "We", "They", "I", "You", "His", "Her", "Their", "Its",
    "Our", "My", "Your", "This", "That", "These", "Those", "There", "Here", "When", "Where",
    "While", "After", "Before", "During", "Since", "If", "Although", "Though", "However",
    "Meanwhile", "Also", "Not", "No", "Yes", "Why", "What", "Who", "How", "Which", "Then",
    "Now", "So", "Yet", "Still", "Even", "Only", "All", "Some", "Many", "Most", "Other", "Such",
    "According", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.",
    "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Photo", "Reporter", "Updated", "Read", "More",
    "Source", "Sources", "Editor", "News", "Video", "Image", "Share", "Copyright", "Internet",
    "Communist", "Democratic", "Republican", "Democrat", "Democrats", "Republicans", "Western",
    "Eastern", "Northern", "Southern", "North", "South", "West", "East", "New", "Old", "Great",
    "Federal", "Royal", "Imperial", "Cyber", "Cybersecurity", "Global", "World", "Beijing's",
    "Administration", "Government", "Last", "Next", "First", "Second", "Third", "Several", "Every",
    "Each", "Both", "Either", "Neither", "Any", "Mr", "Mrs", "Ms", "Dr", "Sir", "Madam", "Lord",
    "Lady", "Twitter", "Facebook", "Google", "Microsoft", "Apple", "Amazon", "Huawei", "God",
    "Christmas", "Easter", "Ramadan", "Covid", "COVID", "AI", "Internet", "Web", "Chinese",
    "Group", "Team", "Forum", "Lab", "Labs", "Network", "Networks", "Project", "Initiative",
    "Center", "Centre", "Unit", "Task", "Force", "Threat", "Analysis", "Intelligence", "Research",
];

/// Family names that Chinese and Korean names put first (romanised), so that "Wang" is the
/// short form of "Wang Yi" and "Yoon" of "Yoon Suk Yeol".
#[rustfmt::skip]
const EAST_ASIAN_SURNAMES: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun",
    "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang", "Song", "Zheng", "Xie", "Han",
    "Tang", "Feng", "Yu", "Dong", "Xiao", "Cheng", "Cao", "Yuan", "Deng", "Fu", "Shen", "Zeng",
    "Peng", "Lu", "Su", "Jiang", "Cai", "Jia", "Ding", "Wei", "Xue", "Ye", "Yan", "Pan", "Du",
    "Dai", "Xia", "Zhong", "Tian", "Ren", "Fan", "Fang", "Shi", "Yao", "Tan", "Liao", "Zou",
    "Xiong", "Jin", "Hao", "Kong", "Bai", "Cui", "Kang", "Mao", "Qiu", "Qin", "Gu", "Hou", "Shao",
    "Meng", "Long", "Duan", "Lei", "Qian", "Yin", "Yi", "Chang", "Qiao", "Lai", "Gong", "Wen",
    "Xi", "Geng", "Hua", "Cui", "Kim", "Lee", "Park", "Choi", "Jung", "Chung", "Cho", "Yoon",
    "Jang", "Lim", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Yoo", "Hong", "Jeon", "Ko",
    "Moon", "Son", "Bae", "Baek", "Heo", "Nam", "Noh", "Ha", "Kwak", "Sung", "Cha", "Joo", "Woo",
    "Koo", "Min", "Ryu", "Na", "Ji", "Choe", "Ri", "Tsai", "Hsiao", "Chiang", "Hsu", "Kuo",
    "Wong", "Leung", "Chan", "Lam", "Tsang", "Ho",
];

/// Lower-case function words and other words that are never a short form of a name.
const COMMON_WORDS: &[&str] = &[
    "The", "And", "Of", "Jr.", "Sr.", "Jr", "Sr", "II", "III", "von", "der", "de", "bin", "al",
];

pub fn is_east_asian_surname(word: &str) -> bool {
    EAST_ASIAN_SURNAMES.contains(&word)
}

/// The words of [`COMMON_WORDS`], [`NOT_NAMES`] and [`TITLES`] in one set: asked of every
/// name found in a text, where comparing with each of those words took longer than
/// finding the name.
static COMMON_WORD_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [COMMON_WORDS, NOT_NAMES, TITLES]
        .into_iter()
        .flatten()
        .copied()
        .collect()
});

pub fn is_common_word(word: &str) -> bool {
    COMMON_WORD_SET.contains(word)
}

/// FNV-1a: the word sets are looked up for every word of a text, and the keys are short
/// trusted strings, so a simple fast hash serves better than the default SipHash.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// The word lists a word is on, one bit per list.
type Kinds = u16;
const TITLE: Kinds = 1 << 0;
const ROLE: Kinds = 1 << 1;
const CONTINUATION: Kinds = 1 << 2;
const ORG_HEAD: Kinds = 1 << 3;
const ROMANCE_HEAD: Kinds = 1 << 4;
const FUNCTION_WORD: Kinds = 1 << 5;
const PLACE_HEAD: Kinds = 1 << 6;
const SPEECH_VERB: Kinds = 1 << 7;
const NOT_NAME: Kinds = 1 << 8;
const DEMONYM: Kinds = 1 << 9;

/// Every word list of the rules in one map from word to the lists it is on, so one lookup
/// answers all the questions the rules ask about a word. Most words are on no list, and the
/// first byte and the length of a word rule out most of them without hashing.
struct Lexicon {
    kinds: HashMap<String, Kinds, BuildHasherDefault<WordHasher>>,
    /// Bit `len` of `shapes[b]` (lengths from 63 up share bit 63): some listed word starts
    /// with byte `b` and is `len` bytes long.
    shapes: Box<[u64; 256]>,
}

impl Lexicon {
    fn kinds(&self, word: &str) -> Kinds {
        if let Some(&first) = word.as_bytes().first() {
            let shape = 1u64 << word.len().min(63);
            if self.shapes[usize::from(first)] & shape == 0 {
                return 0;
            }
        }
        self.kinds.get(word).copied().unwrap_or(0)
    }

    fn add<S: AsRef<str>>(&mut self, words: impl IntoIterator<Item = S>, kind: Kinds) {
        for word in words {
            let word = word.as_ref();
            if let Some(&first) = word.as_bytes().first() {
                self.shapes[usize::from(first)] |= 1u64 << word.len().min(63);
            }
            *self.kinds.entry(word.to_string()).or_default() |= kind;
        }
    }
}

/// The cue rules with their word lists built once.
pub struct LatinRules {
    lexicon: Lexicon,
}

/// A word of Latin letters (with inner hyphens and apostrophes, and the period of an
/// abbreviation or initial).
#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
}

impl LatinRules {
    pub fn new(demonyms: &[String]) -> LatinRules {
        let mut lexicon = Lexicon {
            kinds: HashMap::default(),
            shapes: Box::new([0; 256]),
        };
        lexicon.add(TITLES, TITLE);
        lexicon.add(ROLES, ROLE);
        lexicon.add(TITLE_CONTINUATIONS, CONTINUATION);
        lexicon.add(ORG_HEADS, ORG_HEAD);
        lexicon.add(ROMANCE_ORG_HEADS, ROMANCE_HEAD);
        lexicon.add(FUNCTION_WORDS, FUNCTION_WORD);
        lexicon.add(PLACE_HEADS, PLACE_HEAD);
        lexicon.add(SPEECH_VERBS, SPEECH_VERB);
        lexicon.add(demonyms, DEMONYM);
        for not_names in [
            NOT_NAMES,
            TITLES,
            ORG_HEADS,
            FUNCTION_WORDS,
            TITLE_CONTINUATIONS,
        ] {
            lexicon.add(not_names, NOT_NAME);
        }
        lexicon.add(demonyms, NOT_NAME);
        LatinRules { lexicon }
    }

    /// Names proposed by the rules. `known` are the dictionary matches: a name word may not
    /// be part of a known place, organization or actor.
    pub fn find(&self, text: &str, known: &[(Span, EntityLabel)]) -> Vec<RuleMention> {
        let tokens = tokenize(text);
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut known_other: Vec<Span> = known
            .iter()
            .filter(|(_, l)| *l != EntityLabel::Person)
            .map(|(s, _)| *s)
            .collect();
        known_other.sort_unstable();
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        // Each word is looked up once; the rules then ask about it many times.
        let kinds: Vec<Kinds> = words.iter().map(|w| self.lexicon.kinds(w)).collect();
        let mut ctx = Context {
            text,
            tokens: &tokens,
            words,
            kinds,
            name_words: Vec::new(),
            known_other: &known_other,
            lexicon: &self.lexicon,
        };
        ctx.name_words = (0..tokens.len())
            .map(|i| ctx.is_name_word_uncached(i, false))
            .collect();
        let mut out = Vec::new();
        ctx.titled_people(&mut out);
        ctx.apposed_and_quoted_people(&mut out);
        ctx.bylines(&mut out);
        ctx.organizations(&mut out);
        ctx.places(&mut out);
        ctx.credits(&mut out);
        out
    }
}

struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// The text of each token, sliced once: the rules read most words several times.
    words: Vec<&'a str>,
    /// The word lists each token is on.
    kinds: Vec<Kinds>,
    /// Whether each token may be part of a person's name where capitals are not allowed
    /// (`is_name_word(i, false)`), asked up to three times of most words.
    name_words: Vec<bool>,
    known_other: &'a [Span],
    lexicon: &'a Lexicon,
}

impl Context<'_> {
    fn word(&self, i: usize) -> &str {
        self.words[i]
    }

    /// True when tokens `i` and `i + 1` are separated by spaces only (same phrase).
    fn joined(&self, i: usize) -> bool {
        i + 1 < self.tokens.len()
            && self.text[self.tokens[i].end..self.tokens[i + 1].start]
                .chars()
                .all(|c| c == ' ' || c == '\u{a0}')
            && self.tokens[i].end < self.tokens[i + 1].start
    }

    /// The text between token `i` and the next one.
    fn gap_after(&self, i: usize) -> &str {
        let end = self.tokens.get(i + 1).map_or(self.text.len(), |t| t.start);
        &self.text[self.tokens[i].end..end]
    }

    fn in_known(&self, i: usize) -> bool {
        let t = self.tokens[i];
        let idx = self.known_other.partition_point(|s| s.end <= t.start);
        self.known_other.get(idx).is_some_and(|s| s.start < t.end)
    }

    /// Whether token `i` is on one of the word lists `kinds`.
    fn is(&self, i: usize, kinds: Kinds) -> bool {
        self.kinds[i] & kinds != 0
    }

    /// A capitalised word that can be part of a person's name.
    fn is_name_word(&self, i: usize, allow_caps: bool) -> bool {
        if allow_caps {
            self.is_name_word_uncached(i, true)
        } else {
            self.name_words[i]
        }
    }

    fn is_name_word_uncached(&self, i: usize, allow_caps: bool) -> bool {
        let w = self.word(i);
        let mut chars = w.chars();
        // Most words are lower case: decide those before any lookup.
        if !chars.next().is_some_and(char::is_uppercase) {
            return false;
        }
        let rest = chars.as_str();
        if rest.is_empty() {
            return false;
        }
        let shape_ok = if rest == "." {
            true // an initial: "J."
        } else if w.ends_with('.') {
            false
        } else {
            let (mut n_letters, mut all_upper) = (0, true);
            for c in rest.chars().filter(|c| c.is_alphabetic()) {
                n_letters += 1;
                all_upper &= c.is_uppercase();
            }
            // "McCarthy" and "Min-seok" are names; "FBI" only where capitals are allowed.
            n_letters > 0 && (!all_upper || (allow_caps && n_letters >= 2))
        };
        shape_ok && !self.is(i, NOT_NAME) && !self.in_known(i)
    }

    /// The run of name words starting at `i` (at most `max`), as token indices [i, j).
    fn name_run(&self, i: usize, max: usize, allow_caps: bool) -> usize {
        let mut j = i;
        while j < self.tokens.len() && j - i < max && self.is_name_word(j, allow_caps) {
            if j > i && !self.joined(j - 1) {
                break;
            }
            j += 1;
        }
        j
    }

    fn span(&self, i: usize, j: usize) -> Span {
        Span::new(self.tokens[i].start, self.tokens[j - 1].end)
    }

    /// "President Joe Biden", "Secretary of Homeland Security Jeh Johnson",
    /// "spokesperson Mao Ning".
    fn titled_people(&self, out: &mut Vec<RuleMention>) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            if !self.is(i, TITLE | ROLE) || !self.joined(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            // Further title words and "of the Treasury"-style complements.
            loop {
                if j < n && self.is(j, TITLE | ROLE) && self.joined(j - 1) {
                    j += 1;
                } else if j < n && self.word(j) == "of" && self.joined(j - 1) {
                    j += 1;
                    while j < n
                        && self.joined(j - 1)
                        && (self.word(j) == "the" || self.is(j, CONTINUATION) || self.in_known(j))
                    {
                        j += 1;
                    }
                } else {
                    break;
                }
                if j >= n || !self.joined(j - 1) {
                    break;
                }
            }
            if j < n && self.joined(j - 1) {
                let end = self.name_run(j, 3, false);
                if end > j {
                    out.push(RuleMention {
                        span: self.span(j, end),
                        label: EntityLabel::Person,
                    });
                    i = end;
                    continue;
                }
            }
            i = j.max(i + 1);
        }
    }

    /// "Adam Hodges, spokesman for …", "Guo Shengkun, a State Councillor",
    /// "Adam Hodges said", "said Adam Hodges", "according to Adam Hodges".
    fn apposed_and_quoted_people(&self, out: &mut Vec<RuleMention>) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            // Only maximal runs: the word before must not be a joined name word.
            if i > 0 && self.joined(i - 1) && self.is_name_word(i - 1, false) {
                i += 1;
                continue;
            }
            let end = self.name_run(i, 4, false);
            if end - i < 2 || end - i > 3 {
                i = end.max(i + 1);
                continue;
            }
            let span = self.span(i, end);
            let last = end - 1;
            let gap = self.gap_after(last);
            let before = if i > 0 {
                self.word(i - 1).to_lowercase()
            } else {
                String::new()
            };
            let preceded_by_speech = i > 0
                && self.joined(i - 1)
                && (self.lexicon.kinds(&before) & SPEECH_VERB != 0
                    || (before == "to"
                        && i > 1
                        && self.word(i - 2).eq_ignore_ascii_case("according")));
            let followed_by_speech = end < n && self.joined(last) && self.is(end, SPEECH_VERB);
            let apposition = gap.trim_start_matches([' ', '\u{a0}']).starts_with(',')
                && !gap.contains('\n')
                && (end..(end + 5).min(n)).any(|k| {
                    let w = self.word(k).to_lowercase();
                    self.lexicon.kinds(&w) & ROLE != 0
                        && (end..k).all(|m| !self.gap_after(m).contains(['.', ';', '\n', '“', '"']))
                });
            if preceded_by_speech || followed_by_speech || apposition {
                out.push(RuleMention {
                    span,
                    label: EntityLabel::Person,
                });
            }
            i = end;
        }
    }

    /// "By ZHANG YUNBI |", "By. Eugene Park" at the start of a line.
    fn bylines(&self, out: &mut Vec<RuleMention>) {
        for i in 0..self.tokens.len() {
            let w = self.word(i);
            if w != "By" && w != "By." {
                continue;
            }
            let line_start = self.text[..self.tokens[i].start]
                .rfind('\n')
                .map_or(0, |p| p + 1);
            if !self.text[line_start..self.tokens[i].start]
                .trim()
                .is_empty()
            {
                continue;
            }
            let gap = self.gap_after(i);
            if !gap.chars().all(|c| c == ' ' || c == '.')
                || gap.is_empty()
                || i + 1 >= self.tokens.len()
            {
                continue;
            }
            let end = self.name_run(i + 1, 3, true);
            if end - (i + 1) >= 2 {
                let after = self.gap_after(end - 1);
                let clean_end = after.starts_with('\n')
                    || after.trim_start().starts_with(['|', ',', '/'])
                    || end >= self.tokens.len();
                if clean_end {
                    out.push(RuleMention {
                        span: self.span(i + 1, end),
                        label: EntityLabel::Person,
                    });
                }
            }
        }
    }

    /// Capitalised runs around an organization head: "Ministry of State Security",
    /// "Chinese Foreign Ministry", "China Daily Information Co".
    fn organizations(&self, out: &mut Vec<RuleMention>) {
        let n = self.tokens.len();
        let capitalised = |k: usize| self.word(k).chars().next().is_some_and(char::is_uppercase);
        // A word that may continue a name: capitalised and not a function word or title.
        let name_part = |k: usize| capitalised(k) && !self.is(k, FUNCTION_WORD | TITLE);
        let mut i = 0;
        while i < n {
            // "Centre", "Service" head names in both word orders: a Romance name when
            // words follow, else an English one ends here ("National Cyber Security Centre").
            if self.is(i, ROMANCE_HEAD) && !self.in_known(i) {
                let end = self.romance_organization_end(i, &name_part);
                if end - i >= 2 {
                    out.push(RuleMention {
                        span: self.span(i, end),
                        label: EntityLabel::Org,
                    });
                    i = end;
                    continue;
                }
            }
            // A head followed by more capitalised words is a modifier inside a longer name
            // ("China Daily Information Co"): that name is found from its own head.
            if !self.is(i, ORG_HEAD) {
                i += 1;
                continue;
            }
            let modifier = i + 1 < n && self.joined(i) && name_part(i + 1);
            if modifier {
                i += 1;
                continue;
            }
            // Right: "of State Security", "for Disease Control and Prevention".
            let mut end = i + 1;
            if end + 1 < n && self.joined(end - 1) && ORG_CONNECTORS.contains(&self.word(end)) {
                let mut m = end + 1;
                if m < n && self.word(m) == "the" && self.joined(m - 1) {
                    m += 1;
                }
                let run_start = m;
                while m < n && self.joined(m - 1) && name_part(m) {
                    m += 1;
                    // "Industry and Information Technology": "and" inside the complement.
                    let and_follows = m + 1 < n && self.joined(m - 1) && self.joined(m);
                    if and_follows && matches!(self.word(m), "and" | "&") && name_part(m + 1) {
                        m += 1;
                    }
                }
                if m > run_start {
                    end = m;
                }
            }
            // Left: capitalised modifiers, demonyms, "U.S.".
            let mut start = i;
            while start > 0 && self.joined(start - 1) {
                let w = self.word(start - 1);
                let ok = self.is(start - 1, DEMONYM)
                    || matches!(w, "U.S." | "US" | "UK" | "U.K." | "EU")
                    || (name_part(start - 1) && !w.ends_with('.'));
                if !ok {
                    break;
                }
                start -= 1;
            }
            if end - start >= 2 {
                let all_known = (start..end).all(|k| self.in_known(k));
                if !all_known {
                    out.push(RuleMention {
                        span: self.span(start, end),
                        label: EntityLabel::Org,
                    });
                }
            }
            i = end.max(i + 1);
        }
    }

    /// Where a name opened by a Romance head ends: capitalised words ("Criptológico
    /// Nacional") and complements ("de Defensa", "de la Unión", "del Internauta"), stopping
    /// before a name the dictionaries know ("Ministerio de Defensa | de Francia").
    fn romance_organization_end(&self, head: usize, name_part: &impl Fn(usize) -> bool) -> usize {
        let n = self.tokens.len();
        let free = |k: usize| name_part(k) && !self.in_known(k);
        let mut end = head + 1;
        loop {
            while end < n && self.joined(end - 1) && free(end) {
                end += 1;
            }
            if end + 1 < n && self.joined(end - 1) && ORG_CONNECTORS.contains(&self.word(end)) {
                let mut m = end + 1;
                if m + 1 < n && self.joined(m - 1) && ROMANCE_ARTICLES.contains(&self.word(m)) {
                    m += 1;
                }
                if m < n && self.joined(m - 1) && free(m) {
                    end = m;
                    continue;
                }
            }
            return end;
        }
    }

    /// Capitalised names of estates, islands, provinces and the like: "Pyroli Estate".
    fn places(&self, out: &mut Vec<RuleMention>) {
        for i in 1..self.tokens.len() {
            let capitalised = self.word(i).as_bytes()[0].is_ascii_uppercase();
            if !capitalised || !self.is(i, PLACE_HEAD) || !self.joined(i - 1) {
                continue;
            }
            let mut start = i;
            while start > 0
                && i - start < 3
                && self.joined(start - 1)
                && self.is_name_word(start - 1, false)
            {
                start -= 1;
            }
            if start < i {
                out.push(RuleMention {
                    span: self.span(start, i + 1),
                    label: EntityLabel::Place,
                });
            }
        }
    }

    /// Photo credits: "[Photo/VCG]", "Photo: Xinhua".
    fn credits(&self, out: &mut Vec<RuleMention>) {
        for i in 0..self.tokens.len().saturating_sub(1) {
            if self.word(i) != "Photo" || !matches!(self.gap_after(i).trim(), "/" | ":" | "=") {
                continue;
            }
            let w = self.word(i + 1);
            let caps = w
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            let after = self.gap_after(i + 1).trim_start_matches(' ');
            let credit_ends = after.starts_with([']', '\n', ')']) || i + 2 == self.tokens.len();
            if caps && w.len() >= 2 && credit_ends && !self.in_known(i + 1) {
                out.push(RuleMention {
                    span: self.span(i + 1, i + 2),
                    label: EntityLabel::Org,
                });
            }
        }
    }
}

fn is_latin_letter(c: char) -> bool {
    // The range test first: it rules out the other scripts without a Unicode table lookup.
    c.is_ascii_alphabetic() || (('\u{00C0}'..='\u{024F}').contains(&c) && c.is_alphabetic())
}

/// Latin words with their byte spans. Inner hyphens and apostrophes stay in the word
/// ("Min-seok", "O'Brien"), a possessive "'s" does not; a trailing period is kept for
/// initials and dotted abbreviations ("J.", "U.S.", "Sen.", "Co.").
fn tokenize(text: &str) -> Vec<Token> {
    // Words average more than six bytes with their spaces: rarely a reallocation.
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !is_latin_letter(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(pos, next)) = iter.peek() {
            if is_latin_letter(next) || next.is_ascii_digit() {
                end = pos + next.len_utf8();
                iter.next();
                continue;
            }
            if matches!(next, '-' | '\'' | '’' | '.') {
                let after = text[pos + next.len_utf8()..].chars().next();
                let possessive = matches!(next, '\'' | '’')
                    && after == Some('s')
                    && !text[pos + next.len_utf8() + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                if after.is_some_and(is_latin_letter) && !possessive {
                    end = pos + next.len_utf8();
                    iter.next();
                    continue;
                }
                if next == '.' {
                    // Keep the period of an abbreviation: a short word or a dotted acronym.
                    let word = &text[start..end];
                    let short = word.chars().count() <= 4
                        && word.chars().next().is_some_and(char::is_uppercase);
                    if short || word.contains('.') {
                        end = pos + 1;
                        iter.next();
                    }
                }
            }
            break;
        }
        tokens.push(Token { start, end });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people_and_orgs(text: &str) -> Vec<(String, EntityLabel)> {
        let rules = LatinRules::new(&["Chinese".to_string(), "American".to_string()]);
        let mut found: Vec<_> = rules
            .find(text, &[])
            .into_iter()
            .map(|m| (m.span.of(text).to_string(), m.label))
            .collect();
        found.sort();
        found
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$(($want:expr, $label:ident)),* $(,)?]) => {
            #[test]
            fn $name() {
                let mut want: Vec<(String, EntityLabel)> = vec![$(($want.to_string(), EntityLabel::$label)),*];
                want.sort();
                assert_eq!(people_and_orgs($text), want);
            }
        };
    }

    t!(
        title_before_name,
        "Commerce Secretary Gina Raimondo spoke.",
        [("Gina Raimondo", Person)]
    );
    t!(
        title_with_complement,
        "US Secretary of Homeland Security Jeh Johnson met him.",
        [("Jeh Johnson", Person)]
    );
    t!(
        lower_case_role,
        "said spokesperson Mao Ning on Monday",
        [("Mao Ning", Person)]
    );
    t!(
        apposition,
        "“It is done,” Adam Hodges, spokesman for the council, said.",
        [("Adam Hodges", Person)]
    );
    t!(
        apposition_with_capital_role,
        "by Guo Shengkun, a State Councillor and minister",
        [("Guo Shengkun", Person)]
    );
    t!(
        speech_verb_after,
        "Later Jane Doe said it was over.",
        [("Jane Doe", Person)]
    );
    t!(
        byline_in_capitals,
        "By ZHANG YUNBI | chinadaily.com.cn",
        [("ZHANG YUNBI", Person)]
    );
    t!(no_person_without_cue, "Jane Doe went home.", []);
    t!(sentence_start_is_not_a_name, "The President said so.", []);
    t!(
        ministry_of,
        "the Ministry of State Security said",
        [("Ministry of State Security", Org)]
    );
    t!(
        demonym_opens_org,
        "the Chinese Foreign Ministry said",
        [("Chinese Foreign Ministry", Org)]
    );
    t!(
        company_suffix,
        "belongs to China Daily Information Co (CDIC).",
        [("China Daily Information Co", Org)]
    );
    t!(bare_head_is_not_an_org, "the Ministry said", []);
    t!(
        romance_head_then_complement,
        "El Ministerio de Defensa confirmó el ataque.",
        [("Ministerio de Defensa", Org)]
    );
    t!(
        romance_head_then_adjectives,
        "El Centro Criptológico Nacional investiga la intrusión.",
        [("Centro Criptológico Nacional", Org)]
    );
    t!(
        romance_complement_with_article,
        "La Oficina de Seguridad del Internauta publicó una alerta sobre la Agencia de la Ciberseguridad.",
        [
            ("Oficina de Seguridad del Internauta", Org),
            ("Agencia de la Ciberseguridad", Org)
        ]
    );
    t!(
        bare_romance_head_is_not_an_org,
        "El Ministerio dijo que no.",
        []
    );
    t!(
        english_name_ending_in_a_shared_head,
        "the National Cyber Security Centre said",
        [("National Cyber Security Centre", Org)]
    );
    t!(
        romance_head_in_lower_case_is_no_head,
        "Visitó el centro de Madrid.",
        []
    );
    t!(
        possessive_is_not_part_of_name,
        "Commerce Secretary Gina Raimondo’s emails",
        [("Gina Raimondo", Person)]
    );

    #[test]
    fn tokens_keep_abbreviation_periods() {
        let text = "Sen. J. Smith of the U.S. and Min-seok’s O'Brien.";
        let words: Vec<&str> = tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(
            words,
            ["Sen.", "J.", "Smith", "of", "the", "U.S.", "and", "Min-seok", "s", "O'Brien"]
        );
    }
}
