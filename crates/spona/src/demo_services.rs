//! The services' demo data (issue 19): services of BRIDGE's partners on both sides of the
//! Kosovo–Serbia line — Atina's in Belgrade and Novi Sad, PVPT's in Prishtina and
//! Mitrovica: shelters, legal aid, psychosocial support and hotlines, with hours, places
//! free and the referral fields each asks, so that the catalogue, the HSDS API and the
//! referrals have something to show at once. Addresses and numbers are made up.

use spona_domain::service::{
    LocationDraft, OpeningDraft, ServiceDraft, ServiceStatus, ServiceText,
};

fn codes(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|s| (*s).to_owned()).collect()
}

fn text(lang: &str, name: &str, description: &str) -> ServiceText {
    ServiceText {
        lang: lang.into(),
        name: name.into(),
        description: description.into(),
        eligibility: String::new(),
    }
}

fn place(name: &str, address: &str, city: &str, country: &str) -> LocationDraft {
    LocationDraft {
        name: name.into(),
        address: address.into(),
        city: city.into(),
        country: country.into(),
    }
}

/// Weekdays from `opens` to `closes`.
fn weekdays(opens: &str, closes: &str) -> Vec<OpeningDraft> {
    ["MO", "TU", "WE", "TH", "FR"]
        .iter()
        .map(|d| OpeningDraft {
            day: (*d).into(),
            opens: opens.into(),
            closes: closes.into(),
        })
        .collect()
}

/// Every day, all day.
fn always() -> Vec<OpeningDraft> {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        .iter()
        .map(|d| OpeningDraft {
            day: (*d).into(),
            opens: "00:00".into(),
            closes: "24:00".into(),
        })
        .collect()
}

/// One demo service: the organisation's slug, the service, its status and places free.
struct Demo {
    org: &'static str,
    draft: ServiceDraft,
    status: ServiceStatus,
    free: Option<i64>,
}

fn demos() -> Vec<Demo> {
    vec![
        Demo {
            org: "atina",
            status: ServiceStatus::Published,
            free: Some(3),
            draft: ServiceDraft {
                kind: "shelter".into(),
                texts: vec![
                    text(
                        "en",
                        "Safe house for survivors of trafficking (Belgrade)",
                        "Safe accommodation for women and girls who survived trafficking or \
                         exploitation, with case management, medical and psychosocial support. \
                         Address given on referral only.",
                    ),
                    text(
                        "sr-Latn",
                        "Sigurna kuća za žrtve trgovine ljudima (Beograd)",
                        "Bezbedan smeštaj za žene i devojčice koje su preživele trgovinu ljudima \
                         ili eksploataciju, uz vođenje slučaja, medicinsku i psihosocijalnu \
                         podršku. Adresa se daje samo uz uput.",
                    ),
                ],
                access: "referral".into(),
                genders: codes(&["female"]),
                age_bands: codes(&["12-17", "18-24", "25-39", "40-59"]),
                languages: codes(&["sr", "en", "sq"]),
                area_countries: codes(&["RS", "XK"]),
                locations: vec![place(
                    "Safe house (demo)",
                    "Address on referral",
                    "Beograd",
                    "RS",
                )],
                hours: always(),
                phone: "+381 11 000 0001".into(),
                free: true,
                capacity_total: "8".into(),
                referral_fields: codes(&[
                    "first-name",
                    "age-band",
                    "gender",
                    "language",
                    "urgency",
                    "needs",
                ]),
                ..ServiceDraft::default()
            },
        },
        Demo {
            org: "atina",
            status: ServiceStatus::Published,
            free: None,
            draft: ServiceDraft {
                kind: "psychosocial-support".into(),
                texts: vec![
                    text(
                        "en",
                        "Psychosocial support and reintegration (Novi Sad)",
                        "Individual counselling, peer groups and help with work and housing for \
                         survivors rebuilding their lives.",
                    ),
                    text(
                        "sr-Cyrl",
                        "Психосоцијална подршка и реинтеграција (Нови Сад)",
                        "Индивидуално саветовање, групе подршке и помоћ око посла и становања \
                         за особе које су преживеле трговину људима.",
                    ),
                ],
                access: "both".into(),
                age_bands: codes(&["18-24", "25-39", "40-59", "60-plus"]),
                languages: codes(&["sr", "hu", "en"]),
                area_municipalities: "RS: Novi Sad\nRS: Subotica".into(),
                locations: vec![place(
                    "Counselling centre (demo)",
                    "Demo ulica 12",
                    "Novi Sad",
                    "RS",
                )],
                hours: weekdays("09:00", "17:00"),
                email: "novisad@atina.example.org".into(),
                free: true,
                referral_fields: codes(&["first-name", "language", "needs", "contact-channel"]),
                ..ServiceDraft::default()
            },
        },
        Demo {
            org: "atina",
            status: ServiceStatus::Published,
            free: None,
            draft: ServiceDraft {
                kind: "hotline".into(),
                texts: vec![
                    text(
                        "en",
                        "SOS line against trafficking",
                        "Anonymous line for anyone who suspects trafficking or needs help now.",
                    ),
                    text(
                        "sr-Latn",
                        "SOS linija protiv trgovine ljudima",
                        "Anonimna linija za svakoga ko sumnja na trgovinu ljudima ili odmah \
                         treba pomoć.",
                    ),
                ],
                access: "walk-in".into(),
                languages: codes(&["sr", "en"]),
                area_countries: codes(&["RS"]),
                hours: always(),
                phone: "+381 800 000 000".into(),
                free: true,
                ..ServiceDraft::default()
            },
        },
        Demo {
            org: "atina",
            status: ServiceStatus::Published,
            free: None,
            draft: ServiceDraft {
                kind: "legal-counselling".into(),
                texts: vec![text(
                    "sr-Latn",
                    "Pravno savetovanje i zastupanje (Beograd)",
                    "Besplatna pravna pomoć: prijava, svedočenje, naknada štete, pravni status \
                     stranih državljana.",
                )],
                access: "both".into(),
                statuses: codes(&["citizen", "foreign-national", "asylum-seeker", "refugee"]),
                languages: codes(&["sr", "en"]),
                area_countries: codes(&["RS"]),
                locations: vec![place(
                    "Legal aid office (demo)",
                    "Demo bulevar 3",
                    "Beograd",
                    "RS",
                )],
                hours: weekdays("10:00", "16:00"),
                free: true,
                referral_fields: codes(&["first-name", "nationality", "language", "needs"]),
                ..ServiceDraft::default()
            },
        },
        Demo {
            org: "pvpt",
            status: ServiceStatus::Published,
            free: Some(0),
            draft: ServiceDraft {
                kind: "shelter".into(),
                texts: vec![
                    text(
                        "en",
                        "Transit shelter (Prishtina)",
                        "Short-term shelter for survivors of trafficking and gender-based \
                         violence, while a longer-term place is found. Currently full.",
                    ),
                    text(
                        "sq",
                        "Strehimore tranzitore (Prishtinë)",
                        "Strehim afatshkurtër për të mbijetuarat e trafikimit dhe të dhunës me \
                         bazë gjinore.",
                    ),
                ],
                access: "referral".into(),
                genders: codes(&["female"]),
                age_bands: codes(&["18-24", "25-39", "40-59"]),
                languages: codes(&["sq", "sr", "en"]),
                area_countries: codes(&["XK"]),
                locations: vec![place(
                    "Transit shelter (demo)",
                    "Address on referral",
                    "Prishtina",
                    "XK",
                )],
                hours: always(),
                free: true,
                capacity_total: "6".into(),
                referral_fields: codes(&[
                    "first-name",
                    "age-band",
                    "gender",
                    "language",
                    "urgency",
                ]),
                ..ServiceDraft::default()
            },
        },
        Demo {
            org: "pvpt",
            status: ServiceStatus::Published,
            free: Some(2),
            draft: ServiceDraft {
                kind: "reintegration".into(),
                texts: vec![
                    text(
                        "en",
                        "Reintegration and vocational training (Mitrovica)",
                        "Vocational courses, job placement and family mediation for survivors \
                         returning to their communities, in Albanian and Serbian.",
                    ),
                    text(
                        "sr-Latn",
                        "Reintegracija i stručna obuka (Mitrovica)",
                        "Stručni kursevi, zapošljavanje i porodično posredovanje za osobe koje \
                         se vraćaju u svoje zajednice, na albanskom i srpskom.",
                    ),
                    text(
                        "sq",
                        "Riintegrim dhe aftësim profesional (Mitrovicë)",
                        "Kurse profesionale, punësim dhe ndërmjetësim familjar.",
                    ),
                ],
                access: "referral".into(),
                age_bands: codes(&["18-24", "25-39"]),
                languages: codes(&["sq", "sr"]),
                area_municipalities: "XK: Mitrovica\nXK: Zvečan".into(),
                locations: vec![place(
                    "Training centre (demo)",
                    "Rruga Demo 7",
                    "Mitrovica",
                    "XK",
                )],
                hours: weekdays("08:30", "15:30"),
                free: true,
                capacity_total: "15".into(),
                referral_fields: codes(&[
                    "first-name",
                    "age-band",
                    "language",
                    "needs",
                    "contact-channel",
                ]),
                ..ServiceDraft::default()
            },
        },
        Demo {
            org: "pvpt",
            status: ServiceStatus::Published,
            free: None,
            draft: ServiceDraft {
                kind: "hotline".into(),
                texts: vec![
                    text(
                        "en",
                        "Helpline for victims (Kosovo)",
                        "Free helpline, every day, in Albanian, Serbian and English.",
                    ),
                    text(
                        "sq",
                        "Linja ndihmëse për viktimat",
                        "Linjë falas, çdo ditë, në shqip, serbisht dhe anglisht.",
                    ),
                ],
                access: "walk-in".into(),
                languages: codes(&["sq", "sr", "en"]),
                area_countries: codes(&["XK"]),
                hours: always(),
                phone: "+383 800 00 000".into(),
                free: true,
                ..ServiceDraft::default()
            },
        },
        Demo {
            org: "pvpt",
            status: ServiceStatus::Draft,
            free: None,
            draft: ServiceDraft {
                kind: "interpretation".into(),
                texts: vec![text(
                    "en",
                    "Interpretation for referrals (draft)",
                    "Albanian–Serbian interpretation for survivors referred across the line.",
                )],
                access: "referral".into(),
                languages: codes(&["sq", "sr"]),
                area_countries: codes(&["XK", "RS"]),
                free: true,
                ..ServiceDraft::default()
            },
        },
    ]
}

/// Loads the demo services when the catalogue is empty (and Atina and PVPT exist).
pub async fn load_services_if_empty(db: &spona_store::Db) -> anyhow::Result<()> {
    if !spona_store::services::load(db, spona_store::services::Scope::All)
        .await?
        .is_empty()
    {
        return Ok(());
    }
    for d in demos() {
        let org = match spona_store::orgs::get_by_slug(db, d.org).await {
            Ok(o) => o.id,
            Err(spona_store::StoreError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        };
        spona_app::services::seed(db, &org, &d.draft, d.status, d.free)
            .await
            .map_err(|e| anyhow::anyhow!("demo service {:?}: {e:?}", d.draft.texts[0].name))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_demo_service_is_valid() {
        for d in super::demos() {
            assert!(d.draft.validate().is_ok(), "{:?}", d.draft.validate());
        }
    }
}
