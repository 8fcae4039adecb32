//! Monitoring (issue 21): recommendations of human-rights mechanisms and plans (UPR, treaty
//! bodies, special procedures, the NAP 1325, EU accession benchmarks, national strategies),
//! the measures and indicators that implement them, and the state's and CSOs' assessments of
//! where each stands. Foundation laid by the lead; the lanes fill in the rest.

/// Generates a text-stored enum: `ALL`, `as_str`, `parse` (the stored codes).
macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

code_enum! {
    /// Who made a recommendation (or set a measure).
    Mechanism {
        /// The Universal Periodic Review of the Human Rights Council.
        Upr => "upr",
        /// A treaty body: CEDAW, CAT, CERD, CRC, CCPR, CESCR, CRPD, CED, CMW.
        TreatyBody => "treaty-body",
        /// A special procedure (special rapporteur, working group).
        SpecialProcedure => "special-procedure",
        /// A National Action Plan for UNSCR 1325 (Women, Peace and Security).
        Nap1325 => "nap-1325",
        /// An EU accession benchmark (a chapter's interim or closing benchmark).
        EuAccession => "eu-accession",
        /// A national strategy or action plan.
        NationalStrategy => "national-strategy",
    }
}

code_enum! {
    /// The addressed state's response to a recommendation (UPR: supported or noted).
    Response {
        Supported => "supported",
        Noted => "noted",
        Partially => "partially",
    }
}

code_enum! {
    /// Where implementation stands, in the state's view or a CSO's.
    Status {
        NotStarted => "not-started",
        Partially => "partially",
        Implemented => "implemented",
        Regressed => "regressed",
    }
}

code_enum! {
    /// The vocabularies a recommendation is tagged with.
    TermKind {
        /// A theme of OHCHR's Universal Human Rights Index (e.g. `women-rights`).
        Theme => "theme",
        /// An affected group of persons (UHRI's list, e.g. `women-girls`).
        Group => "group",
        /// An SDG target (`5.2`, `16.3`).
        Sdg => "sdg",
    }
}

code_enum! {
    /// Where a measure stands in the plan.
    MeasureStatus {
        Planned => "planned",
        InProgress => "in-progress",
        Done => "done",
        Dropped => "dropped",
    }
}

code_enum! {
    /// What an assessment points to as its evidence.
    EvidenceKind {
        /// A web address.
        Link => "link",
        /// A resource of the hub (by id).
        Resource => "resource",
        /// A document: a file of the attachment store (by id).
        Document => "document",
    }
}

/// A recommendation as an import or a form gives it, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecommendation {
    pub mechanism: Mechanism,
    /// The body within the mechanism (`CEDAW`, `Human Rights Council`), if known.
    pub body: Option<String>,
    /// The cycle or session (`2`, `3`, `CEDAW 4th periodic report`); empty if none.
    pub cycle: String,
    /// The document symbol (`A/HRC/23/15`); empty for plans without one.
    pub symbol: String,
    /// The paragraph number (`131.4`); with mechanism and symbol, the import's match key.
    pub paragraph: String,
    /// ISO 3166-1 alpha-2 of the state addressed (`RS`; `XK` for Kosovo).
    pub country: String,
    /// ISO date (`2013-06-20`) the document was published, if known.
    pub published_on: Option<String>,
    pub response: Option<Response>,
    /// The language of the original text (`en`, `sr`, `uk`, `sq`, `mk`, …).
    pub text_lang: String,
    /// The text per language; one of them in `text_lang`.
    pub texts: Vec<(String, String)>,
    /// The recommending states (UPR), as ISO alpha-2 codes or names when no code is known.
    pub states: Vec<String>,
    /// Themes, affected groups and SDG targets.
    pub terms: Vec<(TermKind, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back() {
        for m in Mechanism::ALL {
            assert_eq!(Mechanism::parse(m.as_str()), Some(*m));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Response::parse("rejected"), None);
        assert_eq!(TermKind::parse("sdg"), Some(TermKind::Sdg));
    }
}
