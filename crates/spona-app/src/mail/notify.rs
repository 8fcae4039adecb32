//! Telling people what concerns them: proposals published, a partner's acceptance, a
//! check-in on their pair, emergency access to their vault case. Each notice is stored (the
//! home page lists it) and its mails are queued (list `notices`, which a person can leave).
//!
//! Accounts carry no language of their own: a message to an organisation's people is written
//! in its working languages among Spona's (as review reminders are), one to a person in the
//! language of the country they stated, and English. Mails never hold vault text.

use spona_domain::Locale;
use spona_i18n::{Arg, Translator};
use spona_store::Db;
use spona_store::matching::{Participant, Proposal, Round};

/// What telling people needs: the database, the translations, and the address people reach
/// Spona at (for the links).
#[derive(Clone, Copy)]
pub struct Notifier<'a> {
    pub db: &'a Db,
    pub tr: &'a Translator,
    pub public_url: &'a str,
}

/// The list notices belong to (a person can leave it with the link in each mail).
pub const LIST: &str = "notices";

/// What happened; each is a `notice-…` message with a `subject` argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A round's proposals were published: subject is the round's title.
    ProposalsPublished,
    /// The other side accepted a proposal: subject is the partner's name.
    PartnerAccepted,
    /// The other side wrote a check-in: subject is the partner's name.
    CheckIn,
    /// A platform admin joined a vault case in an emergency: no subject.
    BreakGlass,
}

impl Notice {
    pub fn key(self) -> &'static str {
        match self {
            Notice::ProposalsPublished => "notice-proposals-published",
            Notice::PartnerAccepted => "notice-partner-accepted",
            Notice::CheckIn => "notice-check-in",
            Notice::BreakGlass => "notice-break-glass",
        }
    }
}

/// What a notice names, with its variants per language where it has them (a round's titles,
/// an organisation's names): each mail is written with the variant of its locale, with the
/// fallback pages use ([`crate::names::title_in`]). The stored notice keeps `text`.
#[derive(Debug, Clone, Default)]
pub struct Subject {
    pub text: String,
    /// The organisation it names, if any.
    pub org_id: Option<String>,
    /// `(language, text)`.
    pub variants: Vec<(String, String)>,
}

impl Subject {
    pub fn plain(text: &str) -> Self {
        Subject {
            text: text.to_owned(),
            org_id: None,
            variants: Vec::new(),
        }
    }

    /// A round's title and its titles in other languages, as stored.
    pub fn round(round: &Round) -> Self {
        Subject {
            text: round.title.clone(),
            org_id: None,
            variants: round.titles.clone(),
        }
    }

    /// A participant's name: an organisation's names in every language, a person's own.
    pub async fn participant(db: &Db, p: &Participant) -> Self {
        let Some(org) = &p.org_id else {
            return Subject::plain(&p.name);
        };
        match spona_store::orgs::get(db, org).await {
            Ok(o) => Subject {
                org_id: Some(o.id.to_string()),
                variants: o
                    .texts
                    .iter()
                    .filter_map(|t| t.name.clone().map(|n| (t.lang.clone(), n)))
                    .collect(),
                text: o.name,
            },
            Err(e) => {
                tracing::warn!(error = %e, "could not load an organisation's names for a notice");
                Subject::plain(&p.name)
            }
        }
    }

    pub fn in_locale(&self, locale: Locale) -> String {
        crate::names::title_in(locale, &self.text, &self.variants)
    }
}

/// Who is told about a participant: the person, or the organisation's admins (those who
/// answer for it), or with `all_members` everyone in it (a pair's history is theirs too).
/// Disabled accounts are left out.
pub async fn people_of(db: &Db, p: &Participant, all_members: bool) -> anyhow::Result<Vec<String>> {
    Ok(match (&p.org_id, &p.user_id) {
        (Some(org), _) => spona_store::users::members_of(db, org)
            .await?
            .into_iter()
            .filter(|m| {
                !m.disabled && (all_members || m.role == spona_domain::role::OrgRole::Admin)
            })
            .map(|m| m.user_id.into_string())
            .collect(),
        (None, Some(user)) => vec![user.to_string()],
        (None, None) => Vec::new(),
    })
}

/// The locales a message to a participant's people is written in.
fn locales_of(p: &Participant, org_languages: &[String]) -> Vec<Locale> {
    let mut langs: Vec<String> = org_languages.to_vec();
    if p.org_id.is_none() {
        langs = match p.country.as_str() {
            "UA" => vec!["uk".into(), "en".into()],
            "RS" | "BA" | "HR" | "ME" => vec!["sr".into(), "en".into()],
            _ => vec!["en".into()],
        };
    }
    crate::reminders::locales_for(&langs)
}

/// Stores the notice for `users` and queues a mail to each of them. A notice that cannot be
/// stored or queued is returned as an error for the caller to log (the act it tells of
/// stays done).
pub async fn send(
    n: Notifier<'_>,
    users: &[String],
    notice: Notice,
    subject: &Subject,
    link: &str,
    locales: &[Locale],
) -> anyhow::Result<()> {
    if users.is_empty() {
        return Ok(());
    }
    spona_store::notifications::add(
        n.db,
        users,
        notice.key(),
        &subject.text,
        subject.org_id.as_deref(),
        link,
    )
    .await?;
    let locales = if locales.is_empty() {
        &[Locale::En][..]
    } else {
        locales
    };
    let mail_subject = n.tr.t_args(
        locales[0],
        "notice-mail-subject",
        &[(
            "text",
            Arg::Str(&text(
                n.tr,
                locales[0],
                notice,
                &subject.in_locale(locales[0]),
            )),
        )],
    );
    let mut body = String::new();
    for &locale in locales {
        body.push_str(&text(n.tr, locale, notice, &subject.in_locale(locale)));
        body.push_str(&format!(
            "\r\n{}/{}{link}\r\n\r\n",
            n.public_url,
            locale.tag()
        ));
    }
    let list_name = n.tr.t(locales[0], "mail-list-notices");
    let mut tx = n.db.begin().await?;
    for id in users {
        let user = match spona_store::users::get_in(&mut tx, id).await {
            Ok(u) if !u.disabled => u,
            Ok(_) => continue,
            Err(e) => {
                tracing::error!(error = %e, "could not load a person to notify");
                continue;
            }
        };
        let mail = super::Mail {
            to: user.email.clone(),
            subject: mail_subject.clone(),
            text: body.clone(),
            list: Some(super::List {
                id: LIST.into(),
                name: list_name.clone(),
            }),
            thread: None,
        };
        super::enqueue_in(&mut tx, &mail).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A notice's text in `locale`.
pub fn text(tr: &Translator, locale: Locale, notice: Notice, subject: &str) -> String {
    tr.t_args(locale, notice.key(), &[("subject", Arg::Str(subject))])
}

/// Tells a participant's people; failures are logged (the act they follow succeeded).
pub async fn participant(
    n: Notifier<'_>,
    p: &Participant,
    all_members: bool,
    notice: Notice,
    subject: &Subject,
    link: &str,
) {
    let result = async {
        let users = people_of(n.db, p, all_members).await?;
        let langs = match &p.org_id {
            Some(org) => spona_store::orgs::get(n.db, org).await?.languages,
            None => Vec::new(),
        };
        let locales = locales_of(p, &langs);
        send(n, &users, notice, subject, link, &locales).await
    }
    .await;
    if let Err(e) = result {
        tracing::error!(error = %e, notice = notice.key(), "could not notify");
    }
}

/// A round's proposals were published: every side of every proposal is told.
pub async fn proposals_published(
    n: Notifier<'_>,
    round: &Round,
    proposals: &[Proposal],
    people: &[Participant],
) {
    let link = format!("/matching/{}", round.id);
    // The round as stored: the reader's copy holds its coordinator's language.
    let subject = match spona_store::matching::round(n.db, &round.id).await {
        Ok(stored) => Subject::round(&stored),
        Err(_) => Subject::round(round),
    };
    for p in people {
        if proposals.iter().any(|x| x.a_id == p.id || x.b_id == p.id) {
            participant(n, p, false, Notice::ProposalsPublished, &subject, &link).await;
        }
    }
}

/// A platform admin joined a vault case in an emergency: the rest of its team is told (no
/// case text in the notice or the mail, only the link). For the vault's break-glass handler.
pub async fn break_glass(n: Notifier<'_>, case_id: &str, admin_id: &str) {
    let result = async {
        let team: Vec<String> = spona_store::vault::members(n.db, case_id)
            .await?
            .into_iter()
            .map(|m| m.user_id.into_string())
            .filter(|u| u != admin_id)
            .collect();
        let link = format!("/vault/cases/{case_id}/custody");
        send(
            n,
            &team,
            Notice::BreakGlass,
            &Subject::default(),
            &link,
            &[Locale::En, Locale::SrLatn, Locale::Uk],
        )
        .await
    }
    .await;
    if let Err(e) = result {
        tracing::error!(error = %e, "could not notify a case team of emergency access");
    }
}
