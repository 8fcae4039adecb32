//! Trial monitoring's demo data (issue 21 item 6): three fictitious trafficking trials
//! followed by Balkans ACT Now!-style monitors — at the Higher Court in Belgrade, the Basic
//! Criminal Court in Skopje and the Court of Bosnia and Herzegovina in Sarajevo — with
//! hearings (held, adjourned with their reasons, one scheduled), observers' forms whose
//! notes are sealed, and verdicts. Three cases, so that the findings page shows figures
//! beside the withheld ones. Everything goes through the use cases (`spona_app::trials`):
//! the same checks, seals and audit entries as the forms. Case numbers and events are
//! invented; parties are roles only.

use anyhow::Context;
use spona_app::actor::Actor;
use spona_app::trials as uc;
use spona_domain::trial::{
    CaseDraft, HearingDraft, ObservationDraft, ObservationNotes, VerdictDraft,
};
use spona_store::Db;
use spona_store::trials::Scope;
use spona_web::AppState;

/// The demo's monitors: ASTRA's and Atina's demo accounts.
const ASTRA: &str = "jelena@astra.example.org";
const ATINA: &str = "milan@atina.example.org";

struct Hearing {
    at: &'static str,
    status: &'static str,
    reason: &'static str,
    /// Observed by the case's monitor, with these measures and a sealed note.
    observed: Option<(&'static [&'static str], &'static str)>,
}

struct Trial {
    by: &'static str,
    orgs: &'static [&'static str],
    country: &'static str,
    zone: &'static str,
    court: &'static str,
    number: &'static str,
    charges: &'static [&'static str],
    defendants: i64,
    victims: i64,
    indicted_on: &'static str,
    hearings: Vec<Hearing>,
    /// `(defendant, outcome, date, months, final)`.
    verdicts: &'static [(i64, &'static str, &'static str, &'static str, bool)],
}

const fn held(
    at: &'static str,
    observed: Option<(&'static [&'static str], &'static str)>,
) -> Hearing {
    Hearing {
        at,
        status: "held",
        reason: "",
        observed,
    }
}

const fn adjourned(at: &'static str, reason: &'static str) -> Hearing {
    Hearing {
        at,
        status: "adjourned",
        reason,
        observed: None,
    }
}

fn trials() -> Vec<Trial> {
    vec![
        Trial {
            by: ASTRA,
            orgs: &["astra", "atina"],
            country: "RS",
            zone: "Europe/Belgrade",
            court: "Higher Court in Belgrade",
            number: "K-Po1 47/23 (demo)",
            charges: &["trafficking-human-beings", "sexual-exploitation"],
            defendants: 2,
            victims: 2,
            indicted_on: "2023-03-14",
            hearings: vec![
                adjourned("2023-05-10T09:30", "defendant-absent"),
                held(
                    "2023-06-21T10:00",
                    Some((
                        &["video-link", "separate-waiting-room"],
                        "Victim A testified by video link; the presiding judge stopped a \
                         question from Defendant 1's counsel about her past.",
                    )),
                ),
                adjourned("2023-09-12T09:00", "interpreter-missing"),
                held(
                    "2023-11-08T09:30",
                    Some((
                        &["closed-session"],
                        "Victim B's testimony; public excluded.",
                    )),
                ),
                held("2024-02-02T12:00", None),
            ],
            verdicts: &[
                (1, "convicted", "2024-02-02", "96", false),
                (2, "convicted-lesser", "2024-02-02", "36", false),
            ],
        },
        Trial {
            by: ASTRA,
            orgs: &["astra"],
            country: "MK",
            zone: "Europe/Skopje",
            court: "Basic Criminal Court Skopje",
            number: "KOK-112/23 (demo)",
            charges: &["trafficking-human-beings", "forced-labour"],
            defendants: 3,
            victims: 1,
            indicted_on: "2023-06-01",
            hearings: vec![
                adjourned("2023-07-18T10:00", "defendant-absent"),
                held(
                    "2023-10-03T09:00",
                    Some((
                        &["video-link"],
                        "No interpreter for Victim A at first; the court found one after an hour.",
                    )),
                ),
                adjourned("2024-01-16T11:00", "defence-absent"),
                held(
                    "2024-06-20T09:30",
                    Some((&[], "Closing arguments; the victim did not attend.")),
                ),
                Hearing {
                    at: "2027-03-09T10:00",
                    status: "scheduled",
                    reason: "",
                    observed: None,
                },
            ],
            verdicts: &[
                (1, "convicted", "2024-06-20", "60", false),
                (2, "acquitted", "2024-06-20", "", false),
                (3, "plea-agreement", "2024-03-05", "24", true),
            ],
        },
        Trial {
            by: ATINA,
            orgs: &["atina", "ifs-emmaus"],
            country: "BA",
            zone: "Europe/Sarajevo",
            court: "Court of Bosnia and Herzegovina",
            number: "S1 2 K 045123 23 K (demo)",
            charges: &["trafficking-children", "forced-begging"],
            defendants: 1,
            victims: 3,
            indicted_on: "2023-09-20",
            hearings: vec![
                adjourned("2023-11-14T09:00", "defendant-absent"),
                held(
                    "2024-01-25T09:00",
                    Some((
                        &["video-link", "identity-protected", "support-person"],
                        "The children testified from a separate room with a psychologist.",
                    )),
                ),
                held("2024-04-11T10:30", Some((&["identity-protected"], ""))),
            ],
            verdicts: &[],
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

/// Loads the demo trials once (none while any case exists); skipped while the vault is
/// closed, as the observers' notes are sealed.
pub async fn load_trials_if_empty(state: &AppState) -> anyhow::Result<()> {
    let db = &state.db;
    if !spona_store::trials::facts(db, Scope::All).await?.is_empty() {
        return Ok(());
    }
    if state.vault.get().is_err() {
        tracing::warn!("the vault is closed; demo trials not loaded");
        return Ok(());
    }
    let err = |what: &str, e: spona_app::Error| anyhow::anyhow!("demo trial {what}: {e:?}");
    for t in trials() {
        let by = actor(db, t.by).await?;
        let orgs: Vec<String> = t.orgs.iter().map(|s| (*s).to_owned()).collect();
        let draft = CaseDraft {
            country: t.country.into(),
            court: t.court.into(),
            case_number: t.number.into(),
            charges: t.charges.iter().map(|c| (*c).to_owned()).collect(),
            defendants: t.defendants.to_string(),
            victims: t.victims.to_string(),
            indicted_on: t.indicted_on.into(),
        };
        let case = uc::create_case(&by, db, &draft, &orgs, None)
            .await
            .map_err(|e| err(t.number, e))?;
        for h in &t.hearings {
            let hd = HearingDraft {
                at: h.at.into(),
                zone: t.zone.into(),
                status: h.status.into(),
                reason: h.reason.into(),
                note: String::new(),
            };
            let hearing = uc::add_hearing(&by, db, &state.vault, &case, &hd, None)
                .await
                .map_err(|e| err(h.at, e))?;
            let Some((measures, note)) = h.observed else {
                continue;
            };
            let checks = [
                ("public-hearing", "no"),
                ("interpretation-provided", "yes"),
                ("defence-present", "yes"),
                ("victim-represented", "yes"),
                (
                    "secondary-victimisation",
                    if note.contains("question") {
                        "yes"
                    } else {
                        "no"
                    },
                ),
            ];
            let od = ObservationDraft {
                observer: by.id().unwrap_or_default().to_owned(),
                checks: checks
                    .iter()
                    .map(|(c, a)| ((*c).to_owned(), (*a).to_owned()))
                    .collect(),
                measures: measures.iter().map(|m| (*m).to_owned()).collect(),
                compensation: "claimed".into(),
                prosecution: "appropriate".into(),
                court: "partly".into(),
                notes: ObservationNotes {
                    victim: note.into(),
                    ..Default::default()
                },
            };
            uc::observe(&by, db, &state.vault, &case, &hearing, &od, None)
                .await
                .map_err(|e| err(h.at, e))?;
        }
        for (defendant, outcome, on, months, is_final) in t.verdicts {
            let vd = VerdictDraft {
                defendant: defendant.to_string(),
                outcome: (*outcome).into(),
                decided_on: (*on).into(),
                sentence_months: (*months).into(),
                is_final: *is_final,
            };
            uc::set_verdict(&by, db, &case, &vd)
                .await
                .map_err(|e| err(on, e))?;
        }
    }
    Ok(())
}
