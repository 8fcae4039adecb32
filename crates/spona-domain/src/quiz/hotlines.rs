//! Where to get help: national anti-trafficking hotlines per country, shown at the end of a
//! quiz. Only numbers found in a public source are listed, with the source beside each; a
//! country without a sourced number is left out rather than guessed.
//!
//! | country | number | who | source |
//! |---|---|---|---|
//! | RS | +381 11 785 0000 | ASTRA SOS hotline (free advice, reports of trafficking, anonymous if wished) | <https://astra.rs/en/victim-support-and-sos-hotline/>, <http://www.astra.org.rs/eng/> |
//! | UA | 527 | National hotline for combating trafficking in human beings (La Strada Ukraine) | <https://dn.gov.ua/en/news/yevropeiskyi-den-borotby-z-torhivleiu-liudmy> |
//! | UA | 1547 | Government hotline on combating trafficking | same |
//! | AL | 116 006 | National hotline for reporting trafficking (free; the National Anti-Trafficking Coordinator's) | <https://2012-2017.usaid.gov/albania/news-information/press-releases/usaid-launches-anti-trafficking-application-albania>, <https://renate-europe.net/help-in-albania/> |
//! | ME | 116 666 | SOS helpline for victims of human trafficking | <https://help.unhcr.org/montenegro/information-for-victims-of-trafficking/> |
//! | MK | 0800 11111 | Open Gate – La Strada's free SOS line on trafficking | <http://lajmpress.com/ne-tetove-organizohet-fushate-kunder-trafikimit-me-njerez/> (2017) |
//! | XK | 0800 11 112 | Free helpline for victims of trafficking and domestic violence (the prosecution's) | <https://kosovopolice.com/en/kosovo-police-conducts-a-one-month-campaign-against-trafficking-in-human-beings>, <https://omik.osce.org/kosovo/83805> |
//! | all | 112 | Emergency number | — |
//!
//! Left out (lane quiz23): Bosnia and Herzegovina. No national anti-trafficking line was
//! found in a source; the SOS lines for victims of domestic violence are per entity (1265 in
//! the Federation, per the Foundation of Local Democracy, <http://fld.ba/stranica/sos-crvena-linija-telefon-za-zrtve-nasilja>;
//! Republika Srpska's was not sourced), so no number serves the whole country.

/// One hotline: its country (ISO alpha-2), the number as dialled, the `tel:` form, and the
/// message id of who answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hotline {
    pub country: &'static str,
    pub number: &'static str,
    pub tel: &'static str,
    pub who: &'static str,
}

pub const HOTLINES: [Hotline; 7] = [
    Hotline {
        country: "RS",
        number: "+381 11 785 0000",
        tel: "+381117850000",
        who: "qz-hotline-astra",
    },
    Hotline {
        country: "UA",
        number: "527",
        tel: "527",
        who: "qz-hotline-ua-527",
    },
    Hotline {
        country: "UA",
        number: "1547",
        tel: "1547",
        who: "qz-hotline-ua-1547",
    },
    // Source: USAID Albania press release of 16 June 2014 ("New National Hotline 116006",
    // free of charge, to report identified or suspected cases of trafficking); RENATE.
    Hotline {
        country: "AL",
        number: "116 006",
        tel: "116006",
        who: "qz-hotline-al",
    },
    // Source: UNHCR Montenegro, "Information for victims of trafficking" (116 666 – SOS
    // helpline for victims of human trafficking).
    Hotline {
        country: "ME",
        number: "116 666",
        tel: "116666",
        who: "qz-hotline-me",
    },
    // Source: Open Gate – La Strada's campaign of September 2017 (free number 0800 11111 to
    // report trafficking), as reported by Lajmpress; La Strada International lists Open
    // Gate as its member in North Macedonia.
    Hotline {
        country: "MK",
        number: "0800 11111",
        tel: "080011111",
        who: "qz-hotline-mk",
    },
    // Source: Kosovo Police (2018: "Refer cases to: 192 or 0800 11 112"); OSCE Mission in
    // Kosovo (the prosecution's toll-free helpline for victims of trafficking and domestic
    // violence, 0800 1111 2).
    Hotline {
        country: "XK",
        number: "0800 11 112",
        tel: "080011112",
        who: "qz-hotline-xk",
    },
];

/// The hotlines of one country first, then the others.
pub fn for_country(country: Option<&str>) -> Vec<Hotline> {
    let mut all = HOTLINES.to_vec();
    all.sort_by_key(|h| (Some(h.country) != country, h.country));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sourced_country_comes_first_for_its_own_people() {
        for (country, number) in [
            ("AL", "116 006"),
            ("ME", "116 666"),
            ("MK", "0800 11111"),
            ("XK", "0800 11 112"),
        ] {
            let h = for_country(Some(country));
            assert_eq!((h[0].country, h[0].number), (country, number));
            assert_eq!(h.len(), HOTLINES.len(), "the others follow");
            assert!(h[0].tel.chars().all(|c| c.is_ascii_digit() || c == '+'));
        }
        // Bosnia and Herzegovina has no sourced national line: the others, in code order.
        assert!(for_country(Some("BA")).iter().all(|h| h.country != "BA"));
    }
}
