//! Publications' demo data (issue 22 item 4): stories planned around significant dates —
//! some already shown (the last 30 July, 31 October and 25 November), some scheduled for the
//! coming months (the next 8 March and 30 July) —, a podcast with its transcript, a photo
//! essay whose picture Spona draws itself (an abstract landscape, no person), a draft, and a
//! network's own significant date. Everything is written through the use cases
//! (`spona_app::publications`); publications already shown are given their past instant
//! directly in the store, since the use case refuses a time in the past.

use anyhow::Context;
use chrono::{Datelike, NaiveDate, NaiveTime};
use spona_app::actor::Actor;
use spona_app::publications as uc;
use spona_domain::event::instant;
use spona_domain::publication::{PublicationDraft, VariantDraft, next_on};
use spona_store::Db;
use spona_web::AppState;

const ASTRA: &str = "jelena@astra.example.org";
const ATINA: &str = "milan@atina.example.org";
const KROKODIL: &str = "dragana@krokodil.example.org";
const ZONE: &str = "Europe/Belgrade";

async fn actor(db: &Db, email: &str) -> anyhow::Result<Actor> {
    let user = spona_store::users::find_by_email(db, email)
        .await?
        .with_context(|| format!("demo account {email}"))?;
    let ms = spona_store::users::memberships(db, &user.id).await?;
    Ok(Actor::signed_in(user, ms))
}

fn err(what: &str, e: spona_app::Error) -> anyhow::Error {
    anyhow::anyhow!("demo publication {what}: {e:?}")
}

fn text(lang: &str, title: &str, summary: &str, body: &str, transcript: &str) -> VariantDraft {
    VariantDraft {
        lang: lang.into(),
        title: title.into(),
        summary: summary.into(),
        body: body.into(),
        transcript: transcript.into(),
    }
}

/// The last `month`/`day` before `today`, and the next one after it.
fn last_and_next(today: NaiveDate, month: u32, day: u32) -> (NaiveDate, NaiveDate) {
    let next = next_on(today + chrono::Duration::days(1), month, day).unwrap_or(today);
    let last = NaiveDate::from_ymd_opt(next.year() - 1, month, day).unwrap_or(today);
    (last, next)
}

/// Shows a publication from `date` at `hh:mm` in Belgrade (a past instant the use case would
/// refuse).
async fn back_date(db: &Db, id: &str, date: NaiveDate, hh: u32) -> anyhow::Result<()> {
    let local = date.and_time(NaiveTime::from_hms_opt(hh, 0, 0).context("time")?);
    let tz = spona_domain::event::parse_zone(ZONE).context("zone")?;
    let at = instant(tz, local)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .timestamp();
    let mut tx = db.begin().await?;
    let written = local.format("%Y-%m-%dT%H:%M").to_string();
    spona_store::publications::schedule_in(&mut tx, id, Some((at, &written, ZONE)), at).await?;
    tx.commit().await?;
    Ok(())
}

/// A small picture drawn here: hills under an evening sky, with a river. No person, no
/// place that exists.
fn landscape() -> anyhow::Result<Vec<u8>> {
    let (w, h) = (320u32, 200u32);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let hill = 120.0 + 30.0 * ((x as f32) / 40.0).sin();
        let river = (y as f32 - (160.0 + 10.0 * ((x as f32) / 60.0).cos())).abs() < 8.0;
        if river {
            image::Rgb([70, 120, 190])
        } else if (y as f32) > hill {
            image::Rgb([60, 110 + (y % 40) as u8, 60])
        } else {
            let t = y as f32 / hill;
            image::Rgb([
                (250.0 - 80.0 * t) as u8,
                (170.0 - 40.0 * t) as u8,
                (90.0 + 120.0 * t) as u8,
            ])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)?;
    Ok(out.into_inner())
}

/// Loads the demo publications once (none while any exists).
pub async fn load_if_empty(state: &AppState) -> anyhow::Result<()> {
    let db = &state.db;
    if spona_store::publications::count(db).await? > 0 {
        return Ok(());
    }
    let today = chrono::Utc::now().date_naive();
    let astra = actor(db, ASTRA).await?;
    let atina = actor(db, ATINA).await?;
    let krokodil = actor(db, KROKODIL).await?;

    // 30 July, shown: the network's article, in English and Serbian.
    let (last_july, next_july) = last_and_next(today, 7, 30);
    let id = uc::create(
        &astra,
        db,
        "network:balkans-act-now",
        &PublicationDraft {
            kind: "article".into(),
            link: String::new(),
            text: text(
                "en",
                "What the Balkans Declaration asks of governments",
                "On the World Day against Trafficking in Persons, the network recalls the four commitments of the declaration signed in Zagreb.",
                "Four organisations signed the Balkans Declaration on Suppression of Trafficking in Zagreb and opened it to every civil society organisation of the region.\n\nThe declaration asks governments to identify victims early, to fund shelters for more than a project's lifetime, to protect victims who testify in court, and to report every year on what they did.",
                "",
            ),
        },
        None,
    )
    .await
    .map_err(|e| err("30 July", e))?;
    uc::save_variant(
        &astra,
        db,
        &id,
        &text(
            "sr",
            "Шта Балканска декларација тражи од влада",
            "На Светски дан борбе против трговине људима мрежа подсећа на четири обавезе декларације потписане у Загребу.",
            "Четири организације потписале су Балканску декларацију о сузбијању трговине људима у Загребу и отвориле је за све организације цивилног друштва у региону.\n\nДекларација тражи од влада рану идентификацију жртава, финансирање склоништа дуже од трајања пројекта, заштиту жртава које сведоче и годишњи извештај о учињеном.",
            "",
        ),
    )
    .await
    .map_err(|e| err("30 July (sr)", e))?;
    back_date(db, &id, last_july, 9).await?;

    // 31 October, shown: a podcast with its transcript, by the Serbian–Ukrainian platform.
    let (last_oct, _) = last_and_next(today, 10, 31);
    let id = uc::create(
        &krokodil,
        db,
        "network:liberte-egalite-solidarite",
        &PublicationDraft {
            kind: "podcast".into(),
            link: "https://podcasts.example.org/les/1325-at-25".into(),
            text: text(
                "en",
                "Resolution 1325 at 25: women who mediate",
                "Two mediators, one in Kharkiv and one in Niš, on local peace work.",
                "",
                "Host: Welcome. Today we talk about Resolution 1325 and the women who mediate between neighbours, not between states.\n\nFirst guest: In Kharkiv we mediate over shelters, water and who gets the generator first.\n\nSecond guest: In Niš it is about returning families and property. The resolution gave us words for work we already did.\n\nHost: Thank you both.",
            ),
        },
        None,
    )
    .await
    .map_err(|e| err("podcast", e))?;
    back_date(db, &id, last_oct, 10).await?;

    // 25 November, shown: a story from the field.
    let (last_nov, _) = last_and_next(today, 11, 25);
    let id = uc::create(
        &astra,
        db,
        "org:astra",
        &PublicationDraft {
            kind: "story".into(),
            link: String::new(),
            text: text(
                "en",
                "Sixteen days, one helpline",
                "What a night on the helpline sounds like during the 16 days of activism.",
                "The phone rings at 2 a.m. The caller does not give her name, and nobody asks for it.\n\nBy morning she knows where the nearest shelter is, that she can come with her children, and that the helpline will call the police only if she asks. Details have been changed; no caller can be recognised.",
                "",
            ),
        },
        None,
    )
    .await
    .map_err(|e| err("25 November", e))?;
    back_date(db, &id, last_nov, 8).await?;

    // The next 8 March, scheduled: a photo essay by the BRIDGE network.
    let (_, next_march) = last_and_next(today, 3, 8);
    let id = uc::create(
        &atina,
        db,
        "network:bridge",
        &PublicationDraft {
            kind: "photo-essay".into(),
            link: String::new(),
            text: text(
                "en",
                "Landscapes of return",
                "Drawings of the places women return to, made in a workshop.",
                "The workshop drew places, not people: hills, rivers and roads home.",
                "",
            ),
        },
        None,
    )
    .await
    .map_err(|e| err("photo essay", e))?;
    let clean = spona_web::media::strip_metadata(landscape()?.into())
        .map_err(|e| anyhow::anyhow!("demo image: {e:?}"))?;
    let name = spona_web::media::store(&state.config.media_dir, &clean)?;
    uc::add_photo(
        &atina,
        db,
        &id,
        &name,
        "Green hills under an orange evening sky, with a blue river winding in front.",
        "A road home, drawn in the workshop.",
    )
    .await
    .map_err(|e| err("photo", e))?;
    uc::schedule(&atina, db, &id, &format!("{next_march}T09:00"), ZONE)
        .await
        .map_err(|e| err("schedule 8 March", e))?;

    // The next 30 July, scheduled; and a draft only its author sees.
    let id = uc::create(
        &astra,
        db,
        "org:astra",
        &PublicationDraft {
            kind: "article".into(),
            link: String::new(),
            text: text(
                "en",
                "A year of the declaration: who signed, what changed",
                "",
                "A year after Zagreb, this article counts the signatures and the commitments kept.",
                "",
            ),
        },
        None,
    )
    .await
    .map_err(|e| err("next 30 July", e))?;
    uc::schedule(&astra, db, &id, &format!("{next_july}T09:00"), ZONE)
        .await
        .map_err(|e| err("schedule 30 July", e))?;
    uc::create(
        &astra,
        db,
        "org:astra",
        &PublicationDraft {
            kind: "video".into(),
            link: "https://video.example.org/astra/helpline".into(),
            text: text(
                "sr",
                "Како ради СОС телефон (нацрт)",
                "",
                "",
                "Нацрт транскрипта: ко се јавља, шта питамо, шта никада не питамо.",
            ),
        },
        None,
    )
    .await
    .map_err(|e| err("draft", e))?;

    // A date of the network's own: the EU Anti-Trafficking Day.
    uc::add_date(
        &astra,
        db,
        "balkans-act-now",
        "10",
        "18",
        "EU Anti-Trafficking Day",
    )
    .await
    .map_err(|e| err("network date", e))?;
    Ok(())
}
