//! The calls' demo data: grants, residencies, a fellowship, an exchange and a call for
//! partners from seed organisations and outside funders, with deadlines relative to the day
//! the demo is loaded (some closing within a week, one past), so that a newcomer sees the
//! list, the filters and the feeds at work at once.

use spona_domain::call::{CallDraft, in_zone, zone};
use spona_domain::ids::CallId;
use spona_web::AppState;

const DAY: i64 = 86_400;

/// One demo call: posting organisation (slug) or none, days until the deadline, the
/// deadline's local time and zone, and the call itself.
struct Demo {
    org: Option<&'static str>,
    days: i64,
    time: &'static str,
    draft: CallDraft,
}

fn codes(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|s| (*s).to_owned()).collect()
}

fn demos() -> Vec<Demo> {
    vec![
        Demo {
            org: None,
            days: 5,
            time: "17:00",
            draft: CallDraft {
                kind: "grant".into(),
                funder: "Western Balkans Women's Fund (demo funder)".into(),
                written: "en".into(),
                title: "Small grants for shelters and hotlines".into(),
                description: "Grants of up to 25 000 EUR for twelve months, for organisations \
                              running shelters, SOS lines or referral services for survivors of \
                              gender-based violence.\n\n- budget in EUR\n- applications in English \
                              or a language of the region"
                    .into(),
                zone: "Europe/Belgrade".into(),
                amount: "25000".into(),
                currency: "EUR".into(),
                link: "https://example.org/wbwf/small-grants".into(),
                countries: codes(&["AL", "BA", "ME", "MK", "RS", "XK"]),
                themes: codes(&["gbv-protection", "gender-equality"]),
                org_kinds: codes(&["ngo", "grassroots"]),
                languages: codes(&["en", "sr", "sq", "mk"]),
                ..Default::default()
            },
        },
        Demo {
            org: Some("zmina"),
            days: 9,
            time: "23:59",
            draft: CallDraft {
                kind: "fellowship".into(),
                written: "uk".into(),
                title: "Стипендія для документаторів воєнних злочинів".into(),
                description: "Шестимісячна стипендія для правозахисників, які документують \
                              порушення прав людини: наставництво, навчання зі збереження \
                              доказів, 1500 EUR на місяць."
                    .into(),
                zone: "Europe/Kyiv".into(),
                amount: "9000".into(),
                currency: "EUR".into(),
                countries: codes(&["UA"]),
                themes: codes(&["human-rights-monitoring", "transitional-justice"]),
                knowhow: codes(&["evidence-preservation"]),
                languages: codes(&["uk", "en"]),
                ..Default::default()
            },
        },
        Demo {
            org: Some("fhp"),
            days: 40,
            time: "12:00",
            draft: CallDraft {
                kind: "residency".into(),
                written: "sr-Latn".into(),
                title: "Rezidencija: umetnost i sećanje na ratove devedesetih".into(),
                description: "Mesec dana boravka u Beogradu za umetnice i umetnike koji rade \
                              na kulturi sećanja; smeštaj, dnevnice i pristup arhivi."
                    .into(),
                zone: "Europe/Belgrade".into(),
                amount: "180000".into(),
                currency: "RSD".into(),
                countries: codes(&["BA", "HR", "ME", "RS", "XK"]),
                themes: codes(&["transitional-justice", "culture"]),
                org_kinds: codes(&["individual", "ngo"]),
                languages: codes(&["sr", "bs", "hr", "en"]),
                ..Default::default()
            },
        },
        Demo {
            org: Some("astra"),
            days: 21,
            time: "16:00",
            draft: CallDraft {
                kind: "partners".into(),
                written: "en".into(),
                title: "Partners wanted: digital safety for anti-trafficking hotlines".into(),
                description: "ASTRA seeks two partner organisations for a joint proposal on \
                              digital security of hotline operators."
                    .into(),
                zone: "Europe/Belgrade".into(),
                countries: codes(&["UA", "MD", "BA", "MK"]),
                themes: codes(&["anti-trafficking"]),
                knowhow: codes(&["digital-security", "hotline-operation"]),
                org_kinds: codes(&["ngo"]),
                languages: codes(&["en"]),
                ..Default::default()
            },
        },
        Demo {
            org: None,
            days: 75,
            time: "18:00",
            draft: CallDraft {
                kind: "exchange".into(),
                funder: "Danube Universities Exchange (demo funder)".into(),
                written: "en".into(),
                title: "Semester exchange for researchers of civil society".into(),
                description: "One semester at a partner university for early-career \
                              researchers working with civil-society organisations."
                    .into(),
                zone: "Europe/Vienna".into(),
                link: "https://example.org/danube-exchange".into(),
                themes: codes(&["democratic-governance", "eu-integration"]),
                org_kinds: codes(&["academic", "individual"]),
                languages: codes(&["en", "de"]),
                ..Default::default()
            },
        },
        Demo {
            org: Some("atina"),
            days: -4,
            time: "15:00",
            draft: CallDraft {
                kind: "grant".into(),
                written: "sr-Cyrl".into(),
                title: "Мали грантови за програме реинтеграције".into(),
                description: "Рок је прошао; позив остаје као пример.".into(),
                zone: "Europe/Belgrade".into(),
                amount: "3000".into(),
                currency: "EUR".into(),
                countries: codes(&["RS"]),
                themes: codes(&["anti-trafficking", "gbv-protection"]),
                knowhow: codes(&["reintegration-programmes"]),
                ..Default::default()
            },
        },
    ]
}

/// Loads the demo calls unless the database holds calls already.
pub async fn load_calls_if_empty(state: &AppState) -> anyhow::Result<()> {
    let db = &state.db;
    if !spona_store::calls::list(db).await?.is_empty() {
        return Ok(());
    }
    let now = spona_store::now();
    let mut tx = db.begin().await?;
    for d in demos() {
        let tz = zone(&d.draft.zone).ok_or_else(|| anyhow::anyhow!("demo zone"))?;
        let (day, _, _) =
            in_zone(now + d.days * DAY, &tz).ok_or_else(|| anyhow::anyhow!("demo deadline"))?;
        let draft = CallDraft {
            deadline: format!("{day}T{}", d.time),
            ..d.draft
        };
        // A past deadline is checked as of a month ago, so the demo can hold one.
        let checked_at = if d.days < 0 { now - 30 * DAY } else { now };
        let values = draft
            .validate(checked_at)
            .map_err(|e| anyhow::anyhow!("demo call {}: {e:?}", draft.title))?;
        let org = match d.org {
            Some(slug) => match spona_store::orgs::get_by_slug(db, slug).await {
                Ok(o) => Some(o.id),
                Err(spona_store::StoreError::NotFound) => continue,
                Err(e) => return Err(e.into()),
            },
            None => None,
        };
        let id = CallId::from(spona_store::new_id());
        spona_store::calls::create_in(&mut tx, &id, org.as_ref(), None, &values, None).await?;
    }
    tx.commit().await?;
    Ok(())
}
