//! An organisation profile as a form or the API submits it, through `OrgDraft::validate`:
//! never panics; an accepted profile holds only valid, normalised values, and submitting it
//! again unchanged (as the edit form does) gives the same profile.
//!
//! Input: fields separated by NUL, in the order name, country, city, website, email, phone,
//! contact_visibility, themes, offers, needs, languages (lists comma-separated), then
//! `(lang, name, description)` triples for the texts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spona_domain::org::{OrgDraft, is_email, is_web_url};
use spona_domain::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, TEXT_LANGUAGES, THEMES, Vocabulary};

fn draft_from(s: &str) -> OrgDraft {
    let mut f = s.split('\0');
    let mut next = || f.next().unwrap_or_default().to_owned();
    let list = |s: String| -> Vec<String> {
        if s.is_empty() {
            Vec::new()
        } else {
            s.split(',').map(str::to_owned).collect()
        }
    };
    let mut d = OrgDraft {
        name: next(),
        country: next(),
        city: next(),
        website: next(),
        email: next(),
        phone: next(),
        contact_visibility: next(),
        themes: list(next()),
        offers: list(next()),
        needs: list(next()),
        languages: list(next()),
        texts: Vec::new(),
    };
    let rest: Vec<String> = f.map(str::to_owned).collect();
    for t in rest.chunks(3) {
        let get = |i: usize| t.get(i).cloned().unwrap_or_default();
        d.texts.push((get(0), get(1), get(2)));
    }
    d
}


fn one_line(s: &str) -> bool {
    s.split_whitespace().collect::<Vec<_>>().join(" ") == s
}

fn codes_ok(codes: &[String], vocab: Vocabulary) -> bool {
    codes.iter().all(|c| vocab.contains(c)) && codes.windows(2).all(|w| w[0] < w[1])
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let draft = draft_from(s);
    let Ok(p) = draft.validate() else {
        return;
    };
    let n = p.name.chars().count();
    assert!((2..=200).contains(&n), "name length {n}");
    assert!(one_line(&p.name), "name {:?}", p.name);
    assert!(COUNTRIES.contains(&p.country), "country {:?}", p.country);
    assert!(p.city.chars().count() <= 100 && one_line(&p.city), "city {:?}", p.city);
    if let Some(w) = &p.website {
        assert!(is_web_url(w) && w.trim() == w, "website {w:?}");
    }
    if let Some(e) = &p.email {
        assert!(is_email(e) && e.trim() == e, "email {e:?}");
    }
    if let Some(ph) = &p.phone {
        assert!(ph.len() <= 40 && !ph.is_empty(), "phone {ph:?}");
    }
    assert!(codes_ok(&p.themes, THEMES), "themes {:?}", p.themes);
    assert!(codes_ok(&p.offers, KNOWHOW), "offers {:?}", p.offers);
    assert!(codes_ok(&p.needs, KNOWHOW), "needs {:?}", p.needs);
    assert!(codes_ok(&p.languages, LANGUAGES), "languages {:?}", p.languages);
    for (i, t) in p.texts.iter().enumerate() {
        assert!(TEXT_LANGUAGES.contains(&t.lang), "text lang {:?}", t.lang);
        assert!(
            p.texts[..i].iter().all(|o| o.lang != t.lang),
            "duplicate text lang {:?}",
            t.lang
        );
        assert!(t.name.is_some() || t.description.is_some());
        if let Some(tn) = &t.name {
            assert!(tn.chars().count() <= 200 && one_line(tn), "text name {tn:?}");
        }
        if let Some(d) = &t.description {
            assert!(d.chars().count() <= 2000 && d.trim() == d, "description {d:?}");
        }
    }

    let resubmitted = p
        .draft()
        .validate()
        .unwrap_or_else(|e| panic!("a valid profile is refused when submitted again: {e:?}"));
    assert_eq!(resubmitted, p, "submitting a profile again changes it");
});
