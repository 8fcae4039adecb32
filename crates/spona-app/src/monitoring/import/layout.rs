//! The two layouts an import file may have, recognised by its header row, and one row
//! turned into a [`NewRecommendation`] — or refused naming the column at fault.
//!
//! **UHRI export** (OHCHR's Universal Human Rights Index): `Symbol`, `Annotation` (or
//! `Recommendation`, `Text`), `Body` (or `Mechanism`, `Type`), `Regions/Countries` (or
//! `Country`), and optionally `Paragraph` (else taken from a symbol such as
//! `A/HRC/23/15 para. 131.4`), `Themes`, `Affected persons`, `SDGs`, `Publication date`,
//! `Cycle`, `Recommending State(s)`, `Response` (or `Position`), `Language`.
//!
//! **UPR Info**: `Recommendation`, `Recommending State`, `State under Review`, `Cycle`,
//! `Paragraph`, and optionally `Response`, `Session`, `Issues` (themes), `Document`
//! (the report's symbol; else `UPR <country> <cycle>`), `Date`, `Affected persons`, `SDGs`,
//! `Language`. The mechanism is the UPR.
//!
//! Headers are matched without regard to case, spaces or punctuation.

use spona_domain::monitoring::{Mechanism, NewRecommendation, Response, TermKind};

use super::dates;

/// The layout of an import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Uhri,
    UprInfo,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Uhri => "uhri",
            Layout::UprInfo => "upr-info",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "uhri" => Some(Layout::Uhri),
            "upr-info" => Some(Layout::UprInfo),
            _ => None,
        }
    }

    /// The columns a file of this layout must have (as the documentation names them).
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Layout::Uhri => &["Symbol", "Annotation", "Body", "Regions/Countries"],
            Layout::UprInfo => &[
                "Recommendation",
                "Recommending State",
                "State under Review",
                "Cycle",
                "Paragraph",
            ],
        }
    }
}

/// A field a column may fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Mechanism,
    Symbol,
    Paragraph,
    Text,
    Country,
    Themes,
    Groups,
    Sdgs,
    Date,
    Cycle,
    Session,
    States,
    Response,
    Language,
}

/// Header names (folded: lower case, letters and digits only) of each field.
const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Mechanism,
        &["mechanism", "body", "type", "mechanismtype"],
    ),
    (Field::Symbol, &["symbol", "documentsymbol", "document"]),
    (
        Field::Paragraph,
        &["paragraph", "para", "paragraphnumber", "paragraphissues"],
    ),
    (
        Field::Text,
        &[
            "annotation",
            "recommendation",
            "recommendationtext",
            "text",
            "annotationrecommendationtext",
            "observation",
        ],
    ),
    (
        Field::Country,
        &[
            "regionscountries",
            "country",
            "countries",
            "stateunderreview",
            "sur",
        ],
    ),
    (Field::Themes, &["themes", "theme", "issues", "issue"]),
    (
        Field::Groups,
        &[
            "affectedpersons",
            "affectedgroups",
            "concernedgroups",
            "groups",
        ],
    ),
    (
        Field::Sdgs,
        &["sdgs", "sdg", "sdgtargets", "sustainabledevelopmentgoals"],
    ),
    (
        Field::Date,
        &["publicationdate", "date", "published", "documentdate"],
    ),
    (Field::Cycle, &["cycle", "uprcycle"]),
    (Field::Session, &["session"]),
    (
        Field::States,
        &[
            "recommendingstate",
            "recommendingstates",
            "recommendingstatess",
            "from",
        ],
    ),
    (
        Field::Response,
        &["response", "position", "statusofrecommendation"],
    ),
    (Field::Language, &["language", "lang"]),
];

fn fold_header(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column holds which field.
#[derive(Debug, Clone)]
pub struct Columns {
    pub layout: Layout,
    at: Vec<(Field, usize)>,
    /// The header row as the file wrote it (to name columns in messages).
    pub names: Vec<String>,
}

/// A problem with one row: the 1-based row, the column's header (or the field's name) and a
/// message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub column: String,
    pub key: &'static str,
    /// The value at fault, shortened.
    pub value: String,
}

/// Why a header row is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// Neither layout's columns are there; the columns each would need, missing.
    Unknown {
        uhri_missing: Vec<&'static str>,
        upr_info_missing: Vec<&'static str>,
    },
    /// The chosen layout's columns that are missing.
    Missing(Layout, Vec<&'static str>),
}

impl Columns {
    /// Reads the header row; `layout` is the one asked for, or `None` to recognise it.
    pub fn from_header(header: &[String], layout: Option<Layout>) -> Result<Self, HeaderError> {
        let mut at = Vec::new();
        for (i, h) in header.iter().enumerate() {
            let f = fold_header(h);
            if let Some((field, _)) = ALIASES
                .iter()
                .find(|(_, names)| names.contains(&f.as_str()))
                && !at.iter().any(|(g, _)| g == field)
            {
                at.push((*field, i));
            }
        }
        let has = |f: Field| at.iter().any(|(g, _)| *g == f);
        let missing = |l: Layout| -> Vec<&'static str> {
            let needs: &[(Field, &'static str)] = match l {
                Layout::Uhri => &[
                    (Field::Symbol, "Symbol"),
                    (Field::Text, "Annotation"),
                    (Field::Mechanism, "Body"),
                    (Field::Country, "Regions/Countries"),
                ],
                Layout::UprInfo => &[
                    (Field::Text, "Recommendation"),
                    (Field::States, "Recommending State"),
                    (Field::Country, "State under Review"),
                    (Field::Cycle, "Cycle"),
                    (Field::Paragraph, "Paragraph"),
                ],
            };
            needs
                .iter()
                .filter(|(f, _)| !has(*f))
                .map(|(_, n)| *n)
                .collect()
        };
        let layout = match layout {
            Some(l) => {
                let m = missing(l);
                if !m.is_empty() {
                    return Err(HeaderError::Missing(l, m));
                }
                l
            }
            None => {
                let (u, p) = (missing(Layout::Uhri), missing(Layout::UprInfo));
                if p.is_empty() {
                    Layout::UprInfo
                } else if u.is_empty() {
                    Layout::Uhri
                } else {
                    return Err(HeaderError::Unknown {
                        uhri_missing: u,
                        upr_info_missing: p,
                    });
                }
            }
        };
        Ok(Columns {
            layout,
            at,
            names: header.to_vec(),
        })
    }

    fn index(&self, f: Field) -> Option<usize> {
        self.at.iter().find(|(g, _)| *g == f).map(|(_, i)| *i)
    }

    fn get<'a>(&self, cells: &'a [String], f: Field) -> &'a str {
        self.index(f)
            .and_then(|i| cells.get(i))
            .map_or("", |s| s.trim())
    }

    /// The header of a field's column, or its documented name when the file has none.
    fn name(&self, f: Field) -> String {
        self.index(f)
            .and_then(|i| self.names.get(i))
            .cloned()
            .unwrap_or_else(|| format!("{f:?}"))
    }

    /// Whether every cell of a row is blank (such rows are passed over).
    pub fn blank(cells: &[String]) -> bool {
        cells.iter().all(|c| c.trim().is_empty())
    }

    /// The recommendation a data row gives, or the first problem with it.
    pub fn recommendation(
        &self,
        row: usize,
        cells: &[String],
    ) -> Result<NewRecommendation, RowError> {
        let err = |f: Field, key: &'static str, value: &str| RowError {
            row,
            column: self.name(f),
            key,
            value: value.chars().take(80).collect(),
        };
        let mechanism_text = self.get(cells, Field::Mechanism);
        let (mechanism, body) = match self.layout {
            Layout::UprInfo if mechanism_text.is_empty() => (Mechanism::Upr, None),
            _ => mechanism(mechanism_text)
                .ok_or_else(|| err(Field::Mechanism, "mon-imp-err-mechanism", mechanism_text))?,
        };
        let country_text = self.get(cells, Field::Country);
        let country = country(country_text)
            .ok_or_else(|| err(Field::Country, "mon-imp-err-country", country_text))?;
        let text = self.get(cells, Field::Text);
        if text.is_empty() {
            return Err(err(Field::Text, "mon-imp-err-text", ""));
        }
        if text.chars().count() > 20_000 {
            return Err(err(Field::Text, "mon-imp-err-value-too-long", ""));
        }
        let mut cycle = self.get(cells, Field::Cycle).to_owned();
        if cycle.is_empty() {
            cycle = self.get(cells, Field::Session).to_owned();
        }
        let cycle = normalise_cycle(&cycle);
        let mut symbol = self.get(cells, Field::Symbol).to_owned();
        let mut paragraph = self.get(cells, Field::Paragraph).to_owned();
        if paragraph.is_empty()
            && let Some((s, p)) = split_symbol(&symbol)
        {
            symbol = s;
            paragraph = p;
        }
        if paragraph.is_empty() {
            return Err(err(Field::Paragraph, "mon-imp-err-paragraph", ""));
        }
        if symbol.is_empty() && self.layout == Layout::UprInfo {
            symbol = format!("UPR {country} {cycle}").trim().to_owned();
        }
        if symbol.is_empty() {
            return Err(err(Field::Symbol, "mon-imp-err-symbol", ""));
        }
        if symbol.len() > 200 || paragraph.len() > 50 || cycle.len() > 100 {
            let f = if symbol.len() > 200 {
                Field::Symbol
            } else if paragraph.len() > 50 {
                Field::Paragraph
            } else {
                Field::Cycle
            };
            return Err(err(f, "mon-imp-err-value-too-long", ""));
        }
        let date_text = self.get(cells, Field::Date);
        let published_on =
            dates::parse(date_text).map_err(|e| err(Field::Date, e.key(), date_text))?;
        let response_text = self.get(cells, Field::Response);
        let response = response(response_text)
            .map_err(|()| err(Field::Response, "mon-imp-err-response", response_text))?;
        let lang_text = self.get(cells, Field::Language);
        let text_lang = if lang_text.is_empty() {
            "en".to_owned()
        } else if lang_text.len() <= 8
            && lang_text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            lang_text.to_lowercase()
        } else {
            return Err(err(Field::Language, "mon-imp-err-language", lang_text));
        };
        let states = list(self.get(cells, Field::States))
            .map(|s| super::state_code(s).map_or_else(|| s.to_owned(), str::to_owned))
            .collect();
        let mut terms = Vec::new();
        for t in list(self.get(cells, Field::Themes)) {
            terms.push((TermKind::Theme, slug(t)));
        }
        for g in list(self.get(cells, Field::Groups)) {
            terms.push((TermKind::Group, slug(g)));
        }
        let sdg_text = self.get(cells, Field::Sdgs);
        for s in list(sdg_text) {
            let code = sdg(s).ok_or_else(|| err(Field::Sdgs, "mon-imp-err-sdg", s))?;
            terms.push((TermKind::Sdg, code));
        }
        terms.retain(|(_, c)| !c.is_empty());
        Ok(NewRecommendation {
            mechanism,
            body,
            cycle,
            symbol,
            paragraph,
            country,
            published_on,
            response,
            texts: vec![(text_lang.clone(), text.to_owned())],
            text_lang,
            states,
            terms,
        })
    }
}

/// The mechanism (and body) a `Body`/`Mechanism` cell names.
pub fn mechanism(s: &str) -> Option<(Mechanism, Option<String>)> {
    let f = fold_header(s);
    if let Some(m) = Mechanism::parse(s.trim()) {
        return Some((m, None));
    }
    const TREATY: &[&str] = &[
        "cedaw", "cat", "cerd", "crc", "ccpr", "cescr", "crpd", "ced", "cmw", "spt",
    ];
    match f.as_str() {
        "upr" | "universalperiodicreview" | "humanrightscouncil" => {
            Some((Mechanism::Upr, Some("Human Rights Council".to_owned())))
        }
        "humanrightscommittee" => Some((Mechanism::TreatyBody, Some("CCPR".to_owned()))),
        "treatybody" | "treatybodies" => Some((Mechanism::TreatyBody, None)),
        "nap1325" | "nationalactionplan1325" => Some((Mechanism::Nap1325, None)),
        "euaccession" | "eu" => Some((Mechanism::EuAccession, None)),
        "nationalstrategy" => Some((Mechanism::NationalStrategy, None)),
        _ if TREATY.contains(&f.as_str()) => {
            Some((Mechanism::TreatyBody, Some(s.trim().to_uppercase())))
        }
        _ if f.starts_with("specialprocedure")
            || f.starts_with("specialrapporteur")
            || f.starts_with("workinggroup")
            || f.starts_with("independentexpert")
            || (f.starts_with("sr") && f.len() > 2) =>
        {
            Some((Mechanism::SpecialProcedure, Some(s.trim().to_owned())))
        }
        _ => None,
    }
}

/// The ISO alpha-2 code of the state a cell names (one state only).
fn country(s: &str) -> Option<String> {
    let parts: Vec<&str> = list(s).collect();
    match parts.as_slice() {
        [one] => super::state_code(one).map(str::to_owned),
        _ => None,
    }
}

/// The response a cell gives: `Err` for one no rule knows.
fn response(s: &str) -> Result<Option<Response>, ()> {
    let f = fold_header(s);
    Ok(match f.as_str() {
        "" => None,
        "supported" | "accepted" | "support" | "accept" => Some(Response::Supported),
        "noted" | "rejected" | "notsupported" | "note" => Some(Response::Noted),
        "partiallysupported" | "partially" | "partiallyaccepted" | "partial" => {
            Some(Response::Partially)
        }
        _ => return Err(()),
    })
}

/// `2nd` → `2`, `Cycle 3` → `3`, `3rd cycle` → `3`; anything else as written.
fn normalise_cycle(s: &str) -> String {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let letters: String = fold_header(s)
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect();
    if !digits.is_empty()
        && digits.len() <= 2
        && [
            "", "st", "nd", "rd", "th", "cycle", "stcycle", "ndcycle", "rdcycle", "thcycle",
            "ciklus",
        ]
        .contains(&letters.as_str())
    {
        digits
    } else {
        s.trim().to_owned()
    }
}

/// `A/HRC/23/15 para. 131.4` → (`A/HRC/23/15`, `131.4`).
fn split_symbol(s: &str) -> Option<(String, String)> {
    let lower = s.to_lowercase();
    let at = lower.find("para")?;
    let symbol = s[..at].trim().trim_end_matches([',', '-', ';']).trim();
    let rest = &s[at..];
    let p: String = rest
        .trim_start_matches(|c: char| c.is_alphabetic() || c == '.' || c == ' ')
        .trim()
        .to_owned();
    (!symbol.is_empty() && !p.is_empty()).then(|| (symbol.to_owned(), p))
}

/// The items of a list cell: separated by `;`, `|`, `,` or new lines.
fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split([';', '|', ',', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// A vocabulary code from a name: `Women's rights` → `womens-rights`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in spona_i18n::fold(s).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '\'' || c == '’' {
            continue;
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(100).collect()
}

/// An SDG target (`5.2`, `16.3`) or goal (`5`) from `5.2`, `Goal 5`, `16.3 - Promote …`.
fn sdg(s: &str) -> Option<String> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let code: String = s[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let code = code.trim_end_matches('.').to_lowercase();
    let goal: u32 = code.split('.').next()?.parse().ok()?;
    ((1..=17).contains(&goal) && code.len() <= 6).then_some(code)
}

#[cfg(test)]
mod tests;
