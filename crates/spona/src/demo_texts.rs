//! Joint texts' demo data (issue 22): the Balkans Declaration on Suppression of Trafficking
//! and the Exploitation of Human Beings — final in English and Serbian and signed in Zagreb
//! on 19 September 2013 by its four founding signatories (ASTRA, Partnership for Social
//! Development, IFS-EMMAUS, Open Gate – La Strada; seed 004), recorded as signatures given
//! on paper — and a joint policy brief of ASTRA and Atina in drafting, with two versions,
//! comments on its paragraphs and one open amendment. Everything goes through the use cases
//! (`spona_app::texts`). The declaration's wording is a summary written for the demo from
//! the seed's description, not the original text.

use anyhow::Context;
use spona_app::actor::Actor;
use spona_app::texts::{self as uc, Amend};
use spona_domain::joint_text::VariantDraft;
use spona_store::Db;
use spona_web::AppState;

const JELENA: &str = "jelena@astra.example.org";
const MILAN: &str = "milan@atina.example.org";

const FOUNDERS: [&str; 4] = ["astra", "psd", "ifs-emmaus", "open-gate-la-strada"];
/// 19 September 2013, the signing ceremony in Zagreb (noon UTC).
const SIGNED_ON: &str = "2013-09-19";
const SIGNED_AT: i64 = 1_379_592_000;

const DECLARATION_EN: &str = "We, civil society organisations of the Balkans, adopt this \
Declaration to further develop national, regional and international co-operation against \
trafficking in human beings and the exploitation of human beings.

We will promote concrete measures, standards, good practices and mechanisms for \
preventing trafficking, and for the protection of and assistance to victims.

Court proceedings must investigate and prosecute perpetrators effectively and protect \
victims in line with fundamental rights and European Union standards.

We will co-operate with public bodies, and we call on governments to honour their \
international obligations to eradicate this crime and to put the protection of victims \
first in national policies.

We invite other civil society organisations to sign this Declaration and to support it.";

const DECLARATION_SR: &str = "Mi, organizacije civilnog društva Balkana, usvajamo ovu \
Deklaraciju radi daljeg razvoja nacionalne, regionalne i međunarodne saradnje protiv \
trgovine ljudima i eksploatacije ljudi.

Zalagaćemo se za konkretne mere, standarde, dobre prakse i mehanizme za sprečavanje \
trgovine ljudima i za zaštitu i pomoć žrtvama.

Sudski postupci moraju delotvorno istraživati i goniti učinioce i štititi žrtve u skladu \
sa osnovnim pravima i standardima Evropske unije.

Sarađivaćemo sa javnim institucijama i pozivamo vlade da ispune međunarodne obaveze u \
iskorenjivanju ovog zločina i da zaštitu žrtava stave na prvo mesto u nacionalnim politikama.

Pozivamo druge organizacije civilnog društva da potpišu ovu Deklaraciju i da je podrže.";

const BRIEF_V1: &str = "Victims of trafficking wait years for a verdict: in the cases our \
monitors followed, adjournments were the rule rather than the exception.

Courts should schedule hearings in trafficking cases as urgent and record every \
adjournment with its reason.

Victims should be heard once, by video link or from a separate room, with a support \
person present.";

const BRIEF_V2: &str = "Victims of trafficking wait years for a verdict: in the cases our \
monitors followed in Serbia, North Macedonia and Bosnia and Herzegovina, adjournments were \
the rule rather than the exception.

Courts should schedule hearings in trafficking cases as urgent and record every \
adjournment with its reason.

Victims should be heard once, by video link or from a separate room, with a support \
person present.

Compensation should be decided in the criminal proceedings, not left to a civil suit.";

async fn actor(db: &Db, email: &str) -> anyhow::Result<Actor> {
    let user = spona_store::users::find_by_email(db, email)
        .await?
        .with_context(|| format!("demo account {email}"))?;
    let ms = spona_store::users::memberships(db, &user.id).await?;
    Ok(Actor::signed_in(user, ms))
}

fn draft(lang: &str, title: &str, body: &str, note: &str) -> VariantDraft {
    VariantDraft {
        lang: lang.into(),
        title: title.into(),
        body: body.into(),
        note: note.into(),
    }
}

/// Loads the demo texts once (none while any joint text exists).
pub async fn load_if_empty(state: &AppState) -> anyhow::Result<()> {
    let db = &state.db;
    if !spona_store::joint_texts::list(db, 1).await?.is_empty() {
        return Ok(());
    }
    let jelena = actor(db, JELENA).await?;
    let milan = actor(db, MILAN).await?;
    let keys = state.federation.keys(db).await?;

    // The declaration: English and Serbian finals, four founding signatures.
    let title =
        "Balkans Declaration on Suppression of Trafficking and the Exploitation of Human Beings";
    let id = uc::create(
        &jelena,
        db,
        "declaration",
        &["astra".to_owned()],
        &draft("en", title, DECLARATION_EN, ""),
        None,
    )
    .await?;
    uc::save(
        &jelena,
        db,
        &id,
        0,
        &draft(
            "sr",
            "Balkanska deklaracija o suzbijanju trgovine ljudima i eksploatacije ljudi",
            DECLARATION_SR,
            "",
        ),
        false,
    )
    .await?;
    uc::freeze(&jelena, db, &id, 1).await?;
    uc::freeze(&jelena, db, &id, 2).await?;
    for org in FOUNDERS {
        uc::record_given(db, &keys.signing, &id, org, SIGNED_ON, SIGNED_AT).await?;
    }

    // The policy brief in drafting.
    let brief = uc::create(
        &jelena,
        db,
        "policy-brief",
        &["astra".to_owned(), "atina".to_owned()],
        &draft("en", "Trafficking trials without delay", BRIEF_V1, ""),
        None,
    )
    .await?;
    uc::comment(&milan, db, &brief, 1, 1, "Which countries? Name them.").await?;
    uc::save(
        &jelena,
        db,
        &brief,
        1,
        &draft(
            "en",
            "Trafficking trials without delay",
            BRIEF_V2,
            "Countries named; compensation added",
        ),
        false,
    )
    .await?;
    let first = spona_store::joint_texts::comments(db, &brief).await?;
    if let Some(c) = first.first() {
        uc::resolve(&jelena, db, &brief, &c.id).await?;
    }
    uc::comment(
        &milan,
        db,
        &brief,
        2,
        3,
        "Atina's lawyers ask that the support person be named in the court's order.",
    )
    .await?;
    uc::propose(
        &milan,
        db,
        &brief,
        &Amend {
            version: 2,
            paragraph: 2,
            replacement: "Courts should schedule hearings in trafficking cases as urgent, \
                          record every adjournment with its reason, and set the next date \
                          within 30 days."
                .into(),
            reason: "A deadline makes urgency checkable.".into(),
        },
    )
    .await?;
    tracing::info!("demo joint texts loaded: a signed declaration and a policy brief in drafting");
    Ok(())
}

/// Links the demo's endorsement campaign to the declaration, once both demos are loaded.
pub async fn link_campaign(db: &Db) -> anyhow::Result<()> {
    let texts = spona_store::joint_texts::list(db, 100).await?;
    let Some(declaration) = texts.iter().find(|t| t.kind == "declaration") else {
        return Ok(());
    };
    if spona_store::endorsements::campaign_for_text(db, &declaration.id)
        .await?
        .is_some()
    {
        return Ok(());
    }
    // The demo's campaign is the oldest (listed newest first).
    if let Some(c) = spona_store::endorsements::list(db).await?.last()
        && c.joint_text_id.is_none()
    {
        spona_store::endorsements::link_text(db, &c.id, Some(&declaration.id)).await?;
    }
    Ok(())
}
