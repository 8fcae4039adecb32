//! The benchmark's synthetic corpus: a trilingual vocabulary (English, Serbian in Latin,
//! Ukrainian), resources made of its words with a seeded generator, and the queries asked
//! of both engines (single words, phrases, cross-script words, filters).

use super::*;

pub(super) const VARIANTS: usize = 100_000;
pub(super) const QUERIES: usize = 1_000;

pub(super) const EN: &str = "protection victims victim violence domestic family families organisation organisations \
organization organizations refugee refugees rights human legal aid assistance women woman children child law laws \
court courts procedure procedures form forms budget budgets grant grants donor donors project projects funding \
crisis response guideline guidelines trauma psychosocial support supporting counselling discrimination minority \
minorities asylum seekers migrants migrant border borders municipality local community communities citizens \
participation volunteers volunteer training trainings workshop workshops report reports research practice practices \
example examples case cases study studies document documents guide guides recommendations policy policies youth \
health mental housing shelter shelters safe emergency situation war crimes witnesses witness trial trials lawyer \
lawyers free state institutions ministry cooperation network networks partners partner association foundation \
Belgrade Kyiv Lviv Pristina template templates checklist monitoring evaluation advocacy campaign campaigns access \
justice documentation evidence safety security digital data protocol protocols the of and for with in on to a \
by from about how what when this that these their our is are was were be been has have will can should must";

pub(super) const SR: &str = "zaštita zaštite zaštiti žrtva žrtve žrtava žrtvama nasilje nasilja nasiljem porodica porodice \
porodičnog porodičnom organizacija organizacije organizacijama organizaciji izbeglica izbeglice izbeglicama izbeglica \
pravo prava pravima pravna pravne pravnu pomoć pomoći žena žene ženama deca dece deci dete zakon zakona zakonu sud \
suda sudu postupak postupka obrazac obrasca obrasci budžet budžeta grant granta donatori donatora projekat projekta \
projekti sredstva sredstava finansiranje krizni krizne odgovor odgovora smernice smernica trauma traume \
psihosocijalna podrška podrške podršku savetovanje savetovališta ljudska ljudskih ljudskim diskriminacija \
diskriminacije manjina manjine Romi Roma azil azila tražioci tražilaca migranti migranata granica granice Beograd \
Beogradu Novom Sadu Niš Nišu Đakovica Đakovici Priština Prištini opština opštine lokalna samouprava zajednica \
zajednice zajednici građani građana građanima učešće učešća volonteri volontera obuka obuke obuci radionica \
radionice izveštaj izveštaja istraživanje istraživanja praksa prakse primer primera studija slučaja dokument \
dokumenta vodič vodiča preporuke preporuka politika politike mladi mladih mladima zdravlje zdravlja mentalno \
mentalnog smeštaj smeštaja sigurna kuća kući hitna hitne situacija situacije rat rata ratnih zločina svedoci \
svedoka suđenje suđenja advokat advokata besplatna država države državi institucije institucija ministarstvo \
ministarstva saradnja saradnje saradnju mreža mreže mreži partneri partnera udruženje udruženja fondacija fondacije \
i u na za sa od do o kako koji koja koje je su bio bila biti će može mora";

pub(super) const UK: &str = "захист захисту жертви жертв жертвам насильство насильства сім'я сім'ї родина родини \
організація організації організаціями організацій біженець біженці біженцям біженців права право правами людини \
правова правової допомога допомоги допомогу жінки жінок жінкам діти дітей дітям закон закону суд суду процедура \
процедури форма форми бюджет бюджету грант гранту донори донорів проєкт проєкту проєкти фінансування криза кризи \
реагування настанови травма травми психосоціальна підтримка підтримки консультування дискримінація меншини \
притулок притулку мігранти кордон кордону громада громади громадам громадяни участь волонтери волонтерів навчання \
тренінг тренінгу звіт звіту дослідження практика практики приклад випадок випадку документ документа посібник \
рекомендації політика молодь здоров'я психічне житло безпечний безпеки надзвичайна ситуація війна війни воєнних \
злочинів свідки свідків адвокат безоплатна держава держави інститути міністерство співпраця мережа мережі \
партнери асоціація фонд Київ Києві Львів Львові Харків Одеса ґрунт і в у на з для від до про як який яка які є";

pub(super) const KINDS: [&str; 9] = [
    "legal-aid-form",
    "trauma-protocol",
    "grant-budget-template",
    "crisis-response-guideline",
    "best-practice",
    "case-study",
    "funding-guide",
    "policy-brief",
    "training-material",
];
pub(super) const THEMES: [&str; 8] = [
    "human-rights",
    "gender-violence",
    "refugees",
    "legal-aid",
    "mental-health",
    "youth",
    "transitional-justice",
    "funding",
];
pub(super) const COUNTRIES: [&str; 5] = ["RS", "UA", "XK", "MK", "BA"];

/// xorshift64*: deterministic, no dependency.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards the start of the list (a rough Zipf curve).
    pub(super) fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u) * n as f64) as usize % n
    }
    pub(super) fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

pub(super) struct Vocab {
    pub(super) words: [Vec<&'static str>; 3],
}

impl Vocab {
    pub(super) fn new() -> Self {
        Vocab {
            words: [EN, SR, UK].map(|s| s.split_whitespace().collect()),
        }
    }
    pub(super) fn of(&self, lang: Lang) -> &[&'static str] {
        &self.words[lang as usize]
    }
}

pub(super) fn sentence(rng: &mut Rng, words: &[&str], n: usize) -> String {
    let mut s = String::with_capacity(n * 9);
    for i in 0..n {
        if i > 0 {
            s.push(if rng.below(12) == 0 { '.' } else { ' ' });
            if s.ends_with('.') {
                s.push(' ');
            }
        }
        s.push_str(words[rng.skewed(words.len())]);
    }
    s
}

pub(super) struct Corpus {
    pub(super) docs: Vec<ResourceDoc>,
    /// Per variant: (resource index, lang, Serbian written in Cyrillic).
    pub(super) variants: Vec<(usize, Lang, bool)>,
    /// Resources whose Serbian variant is written in Latin.
    pub(super) latin_serbian: HashSet<String>,
}

pub(super) fn corpus(rng: &mut Rng, vocab: &Vocab) -> Corpus {
    let mut docs = Vec::new();
    let mut variants = Vec::new();
    let mut latin_serbian = HashSet::new();
    while variants.len() < VARIANTS {
        let r = docs.len();
        let n = (1 + rng.below(3)).min(VARIANTS - variants.len());
        let first = rng.below(3);
        let mut vs = Vec::new();
        for k in 0..n {
            let lang = Lang::ALL[(first + k) % 3];
            let words = vocab.of(lang);
            let (nt, ns, nb) = (4 + rng.below(5), 15 + rng.below(11), 100 + rng.below(201));
            let mut title = sentence(rng, words, nt);
            let mut summary = sentence(rng, words, ns);
            let mut body = sentence(rng, words, nb);
            let cyrillic = lang == Lang::Sr && rng.below(2) == 0;
            if cyrillic {
                title = lat_to_cyr(&title);
                summary = lat_to_cyr(&summary);
                body = lat_to_cyr(&body);
            }
            variants.push((r, lang, cyrillic));
            vs.push(VariantDoc {
                lang,
                title,
                summary,
                body,
                attachments_text: String::new(),
            });
            if lang == Lang::Sr && !cyrillic {
                latin_serbian.insert(format!("res-{r}"));
            }
        }
        let visibility = match rng.below(10) {
            0..=6 => Visibility::Public,
            7 | 8 => Visibility::Members,
            _ => Visibility::Networks(vec![format!("net-{}", rng.below(5))]),
        };
        docs.push(ResourceDoc {
            id: format!("res-{r}"),
            kind: KINDS[rng.below(KINDS.len())].into(),
            themes: (0..1 + rng.below(3))
                .map(|_| THEMES[rng.below(THEMES.len())].to_string())
                .collect(),
            countries: vec![COUNTRIES[rng.below(COUNTRIES.len())].into()],
            owner_org: format!("org-{}", rng.below(200)),
            visibility,
            updated_at: 1_600_000_000 + rng.below(100_000_000) as i64,
            variants: vs,
        });
    }
    Corpus {
        docs,
        variants,
        latin_serbian,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Shape {
    Word,
    TwoWords,
    Phrase,
    Prefix,
    CrossScript,
    Filtered,
}

pub(super) struct BenchQuery {
    pub(super) shape: Shape,
    /// Spona's query text.
    pub(super) text: String,
    pub(super) prefix: bool,
    pub(super) kind: Option<&'static str>,
    /// The FTS5 MATCH expression.
    pub(super) fts: String,
}

pub(super) fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn queries(rng: &mut Rng, vocab: &Vocab, corpus: &Corpus) -> Vec<BenchQuery> {
    let mut out = Vec::with_capacity(QUERIES);
    // Content words: skip the most frequent function words at the end of each list.
    let content = |lang: Lang| {
        let w = vocab.of(lang);
        &w[..w.len() - 20]
    };
    for i in 0..QUERIES {
        let lang = Lang::ALL[rng.below(3)];
        let words = content(lang);
        let shape = match i % 20 {
            0..=4 => Shape::Word,
            5..=8 => Shape::TwoWords,
            9..=11 => Shape::Phrase,
            12..=14 => Shape::Prefix,
            15..=17 => Shape::CrossScript,
            _ => Shape::Filtered,
        };
        let q = match shape {
            Shape::Word => {
                let w = rng.pick(words);
                BenchQuery {
                    shape,
                    text: w.into(),
                    prefix: false,
                    kind: None,
                    fts: quoted(&[w]),
                }
            }
            Shape::TwoWords => {
                let (a, b) = (rng.pick(words), rng.pick(words));
                BenchQuery {
                    shape,
                    text: format!("{a} {b}"),
                    prefix: false,
                    kind: None,
                    fts: quoted(&[a, b]),
                }
            }
            Shape::Phrase => {
                // Two adjacent words of a real body, so the phrase exists.
                let (r, l, _) = corpus.variants[rng.below(corpus.variants.len())];
                let doc = &corpus.docs[r];
                let body = &doc
                    .variants
                    .iter()
                    .find(|v| v.lang == l)
                    .map_or("", |v| &v.body);
                let ws: Vec<&str> = body.split([' ', '.']).filter(|w| !w.is_empty()).collect();
                let k = rng.below(ws.len().saturating_sub(1).max(1));
                let pair = [
                    ws.get(k).copied().unwrap_or("a"),
                    ws.get(k + 1).copied().unwrap_or("b"),
                ];
                BenchQuery {
                    shape,
                    text: format!("\"{} {}\"", pair[0], pair[1]),
                    prefix: false,
                    kind: None,
                    fts: format!("\"{} {}\"", pair[0], pair[1]),
                }
            }
            Shape::Prefix => {
                let w = rng.pick(words);
                let p: String = w.chars().take(4 + rng.below(3)).collect();
                BenchQuery {
                    shape,
                    text: p.clone(),
                    prefix: true,
                    kind: None,
                    fts: format!("\"{p}\"*"),
                }
            }
            Shape::CrossScript => {
                let w = rng.pick(content(Lang::Sr));
                let c = lat_to_cyr(w);
                BenchQuery {
                    shape,
                    fts: quoted(&[&c]),
                    text: c,
                    prefix: false,
                    kind: None,
                }
            }
            Shape::Filtered => {
                let w = rng.pick(words);
                let kind = KINDS[rng.below(KINDS.len())];
                BenchQuery {
                    shape,
                    text: w.into(),
                    prefix: false,
                    kind: Some(kind),
                    fts: quoted(&[w]),
                }
            }
        };
        out.push(q);
    }
    out
}
