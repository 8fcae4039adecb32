//! The referrals' demo data (issue 19): a case worker at Atina (Serbia, with the permission
//! to refer without consent) and one at PVPT (Kosovo), and referrals between them in every
//! state — sent, urgent, more information asked, accepted, declined, closed with an outcome,
//! consent withdrawn — plus one hotline intake. Every referral goes through the use cases
//! (`spona_app::referrals`), so the person's data is sealed and the custody chains are real.
//! The people are obviously fictitious ("Test Person A"), with age bands only.

use anyhow::Context;
use spona_app::actor::Actor;
use spona_app::referrals::{self as uc, ReferralDraft, intake::IntakeDraft};
use spona_domain::referral::{Answer, ConsentDraft};
use spona_domain::role::{OrgRole, PlatformRole};
use spona_store::Db;
use spona_web::AppState;

/// The demo case workers: e-mail, name, organisation (slug), may refer without consent.
pub const CASE_WORKERS: &[(&str, &str, &str, bool)] = &[
    (
        "jovana@atina.example.org",
        "Jovana (Atina, case worker)",
        "atina",
        true,
    ),
    (
        "besa@pvpt.example.org",
        "Besa (PVPT, case worker)",
        "pvpt",
        false,
    ),
];

/// What happens to a demo referral after it is sent.
#[derive(Clone, Copy)]
enum Then {
    Nothing,
    MoreInfo,
    Accept,
    Decline,
    Outcome,
    Withdraw,
}

/// One demo referral: from Atina (else from PVPT), the receiving service's English name
/// starts with, the person's fields, urgent, and what happens next.
struct Demo {
    from_atina: bool,
    service: &'static str,
    person: &'static [(&'static str, &'static str)],
    reason: &'static str,
    urgent: bool,
    then: Then,
}

const REINTEGRATION: &str = "Reintegration and vocational training";
const SAFE_HOUSE: &str = "Safe house for survivors";
const PSYCHOSOCIAL: &str = "Psychosocial support";

fn demos() -> Vec<Demo> {
    vec![
        Demo {
            from_atina: true,
            service: REINTEGRATION,
            person: &[
                ("first-name", "Test Person A"),
                ("age-band", "18-24"),
                ("language", "sq"),
                ("needs", "Vocational course, help finding work"),
                ("contact-channel", "through-worker"),
            ],
            reason: "Returning to Mitrovica after a stay in the safe house (demo).",
            urgent: false,
            then: Then::Nothing,
        },
        Demo {
            from_atina: false,
            service: SAFE_HOUSE,
            person: &[
                ("first-name", "Test Person B"),
                ("age-band", "25-39"),
                ("gender", "female"),
                ("language", "sr"),
                ("urgency", "urgent"),
                ("needs", "Safe accommodation tonight"),
            ],
            reason: "Cannot stay where she is; needs a safe place across the line (demo).",
            urgent: true,
            then: Then::Nothing,
        },
        Demo {
            from_atina: true,
            service: REINTEGRATION,
            person: &[
                ("first-name", "Test Person C"),
                ("age-band", "25-39"),
                ("language", "sr"),
                ("needs", "Job placement"),
                ("contact-channel", "phone"),
            ],
            reason: "Wants training near her family (demo).",
            urgent: false,
            then: Then::MoreInfo,
        },
        Demo {
            from_atina: true,
            service: REINTEGRATION,
            person: &[
                ("first-name", "Test Person D"),
                ("age-band", "18-24"),
                ("language", "sq"),
                ("needs", "Family mediation"),
                ("contact-channel", "in-person"),
            ],
            reason: "Family mediation before returning home (demo).",
            urgent: false,
            then: Then::Accept,
        },
        Demo {
            from_atina: true,
            service: REINTEGRATION,
            person: &[
                ("first-name", "Test Person E"),
                ("age-band", "40-59"),
                ("language", "sr"),
                ("needs", "Vocational course"),
                ("contact-channel", "sms"),
            ],
            reason: "Looking for a course in Serbian (demo).",
            urgent: false,
            then: Then::Decline,
        },
        Demo {
            from_atina: false,
            service: PSYCHOSOCIAL,
            person: &[
                ("first-name", "Test Person F"),
                ("language", "sr"),
                ("needs", "Counselling after returning to Novi Sad"),
                ("contact-channel", "through-worker"),
            ],
            reason: "Moved to Novi Sad; asks for counselling in Serbian (demo).",
            urgent: false,
            then: Then::Outcome,
        },
        Demo {
            from_atina: true,
            service: REINTEGRATION,
            person: &[
                ("first-name", "Test Person G"),
                ("age-band", "18-24"),
                ("language", "sq"),
                ("needs", "Vocational course"),
                ("contact-channel", "through-worker"),
            ],
            reason: "Asked for a course, then changed her mind (demo).",
            urgent: false,
            then: Then::Withdraw,
        },
    ]
}

async fn actor(db: &Db, email: &str) -> anyhow::Result<Actor> {
    let user = spona_store::users::find_by_email(db, email)
        .await?
        .with_context(|| format!("demo account {email}"))?;
    let ms = spona_store::users::memberships(db, &user.id).await?;
    Ok(Actor::signed_in(user, ms))
}

/// The published service of `org_id` whose English name starts with `name`.
async fn service(db: &Db, org_id: &str, name: &str) -> anyhow::Result<Option<String>> {
    let found = spona_store::services::list_for_org(db, org_id).await?;
    Ok(found
        .iter()
        .find(|s| s.texts.iter().any(|t| t.name.starts_with(name)))
        .map(|s| s.id.to_string()))
}

/// Loads the demo case workers and referrals, unless the first case worker exists already
/// (or Atina, PVPT or their demo services are missing).
pub async fn load_referrals_if_empty(state: &AppState) -> anyhow::Result<()> {
    let db = &state.db;
    if spona_store::users::find_by_email(db, CASE_WORKERS[0].0)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let org = |slug: &'static str| async move {
        match spona_store::orgs::get_by_slug(db, slug).await {
            Ok(o) => Ok(Some(o.id.to_string())),
            Err(spona_store::StoreError::NotFound) => Ok(None),
            Err(e) => Err(anyhow::Error::from(e)),
        }
    };
    let (Some(atina), Some(pvpt)) = (org("atina").await?, org("pvpt").await?) else {
        return Ok(());
    };
    let Ok(vault) = state.vault.get() else {
        tracing::warn!("the vault is closed; demo referrals not loaded");
        return Ok(());
    };
    let hash = spona_web::auth::hash_password(crate::demo::DEMO_PASSWORD)?;
    for (email, name, slug, may_override) in CASE_WORKERS {
        let org_id = if *slug == "atina" { &atina } else { &pvpt };
        let id = spona_store::users::create(db, email, name, &hash, PlatformRole::User).await?;
        spona_store::users::set_membership(db, &id, org_id, OrgRole::Member).await?;
        // The demo organisations have no admin account of their own: the operator names the
        // workers through the use case (same rules, an audit entry `by=demo`).
        uc::set_worker_by_operator(db, org_id, &id, *may_override, "demo")
            .await
            .map_err(|e| anyhow::anyhow!("demo case worker {email}: {e:?}"))?;
    }
    let jovana = actor(db, CASE_WORKERS[0].0).await?;
    let besa = actor(db, CASE_WORKERS[1].0).await?;
    let base = state.config.public_url.as_str();
    let err = |what: &str, e: spona_app::Error| anyhow::anyhow!("demo referral {what}: {e:?}");
    for d in demos() {
        let (from, from_org, to, to_org) = if d.from_atina {
            (&jovana, &atina, &besa, &pvpt)
        } else {
            (&besa, &pvpt, &jovana, &atina)
        };
        let Some(service_id) = service(db, to_org, d.service).await? else {
            continue;
        };
        let person: Vec<(String, String)> = d
            .person
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let draft = ReferralDraft {
            from_org: from_org.clone(),
            consent: Some(ConsentDraft {
                share: person.iter().map(|(k, _)| k.clone()).collect(),
                purpose: "Referral to the service named (demo)".into(),
                until: "2099-12-31".into(),
                how: "verbal".into(),
                witness: "Second case worker (demo)".into(),
                channel: "through-worker".into(),
            }),
            person,
            reason: d.reason.into(),
            urgent: d.urgent,
            override_reason: None,
            intake_id: None,
        };
        let id = uc::create(from, db, vault, &service_id, &draft, None, base)
            .await
            .map_err(|e| err("create", e))?;
        let answer = |a: Answer, note: &'static str| {
            let id = id.clone();
            async move {
                uc::answer(to, db, vault, &id, a, note, base)
                    .await
                    .map_err(|e| err("answer", e))
            }
        };
        match d.then {
            Then::Nothing => {}
            Then::MoreInfo => {
                answer(
                    Answer::MoreInfo,
                    "Which town would suit her best for the course? (demo)",
                )
                .await?;
            }
            Then::Accept => answer(Answer::Accept, "").await?,
            Then::Decline => {
                answer(
                    Answer::Decline,
                    "No course in Serbian this term; try again in spring (demo).",
                )
                .await?;
            }
            Then::Outcome => {
                answer(Answer::Accept, "").await?;
                uc::record_outcome(
                    to,
                    db,
                    vault,
                    &id,
                    "service-provided",
                    "Six counselling sessions (demo).",
                    true,
                )
                .await
                .map_err(|e| err("outcome", e))?;
            }
            Then::Withdraw => {
                uc::withdraw(from, db, vault, &id, base)
                    .await
                    .map_err(|e| err("withdraw", e))?;
            }
        }
    }
    // A hotline call at Atina, not yet referred.
    uc::intake::create(
        &jovana,
        db,
        vault,
        &IntakeDraft {
            org_id: atina.clone(),
            channel: "call".into(),
            in_danger: "no".into(),
            safe_to_talk: "yes".into(),
            callback: "Weekdays after 18:00, ask for Test (demo)".into(),
            name: "Test Person H".into(),
            notes: "Asks about legal aid; will call back (demo).".into(),
        },
        None,
    )
    .await
    .map_err(|e| err("intake", e))?;
    tracing::info!(
        "demo referrals loaded; sign in as the case workers jovana@atina.example.org (Atina, may \
         refer without consent) or besa@pvpt.example.org (PVPT) with the password \"{}\"",
        crate::demo::DEMO_PASSWORD
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    /// The README lists every case-worker account the demo creates.
    #[test]
    fn readme_lists_every_case_worker() {
        let readme = include_str!("../../../README.md");
        for (email, ..) in super::CASE_WORKERS {
            assert!(
                readme.contains(&format!("`{email}`")),
                "README.md does not list the demo account {email}"
            );
        }
    }

    #[test]
    fn every_demo_referral_asks_only_known_fields() {
        for d in super::demos() {
            for (k, _) in d.person {
                assert!(spona_domain::referral::FIELDS.contains(k), "{k}");
            }
        }
    }
}
