//! Taking a quiz without an account: the landing page's quiz, starting a session, answering
//! one question at a time, the feedback, the optional questions about the taker and the
//! end. Every refusal names its reason (a closed quiz, a forged or expired token, a
//! question the quiz does not have, an answer already given) and nothing is counted twice.

use std::net::IpAddr;
use std::sync::Arc;

use hmac::Mac;
use spona_domain::Invalid;
use spona_domain::quiz::{AGE_BANDS, COUNTRIES, Question, QuizDoc, order, region_ok};
use spona_store::quiz_answers::{NewAnswer, taking as store_taking};
use spona_store::quizzes::{self as store, Campaign, Quiz, Session};
use spona_store::{Db, new_id};

use super::live::Live;
use super::{BURST_FREE, day_of};
use crate::{Error, Result};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// How long a session's token is good for.
pub const TOKEN_LIFE: i64 = 3 * 3600;

/// The quiz in a stored version.
pub fn doc_of(quiz: &Quiz) -> Result<QuizDoc> {
    serde_json::from_str(&quiz.doc)
        .map_err(|e| Error::Internal(anyhow::anyhow!("stored quiz {} unreadable: {e}", quiz.id)))
}

fn mac(key: &str, msg: &str) -> HmacSha256 {
    let mut m = HmacSha256::new_from_slice(key.as_bytes()).expect("HMAC takes any key length");
    m.update(msg.as_bytes());
    m
}

/// `{session}.{expires}.{mac}`: the session's id and expiry signed with the campaign's key.
pub fn make_token(key: &str, session_id: &str, expires: i64) -> String {
    let sig = mac(key, &format!("quiz-session|{session_id}|{expires}")).finalize();
    format!(
        "{session_id}.{expires}.{}",
        hex::encode(&sig.into_bytes()[..16])
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not signed by this campaign's key (made up, altered, or another campaign's).
    Forged,
    /// Signed, but past its time.
    Expired,
}

/// The session id of a good token.
pub fn check_token(key: &str, token: &str, now: i64) -> Result<String, TokenError> {
    let mut parts = token.split('.');
    let (Some(id), Some(exp), Some(sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Forged);
    };
    let (Ok(expires), Ok(sig)) = (exp.parse::<i64>(), hex::decode(sig)) else {
        return Err(TokenError::Forged);
    };
    let m = mac(key, &format!("quiz-session|{id}|{expires}"));
    if sig.len() != 16 || m.verify_truncated_left(&sig).is_err() {
        return Err(TokenError::Forged);
    }
    if now > expires {
        return Err(TokenError::Expired);
    }
    Ok(id.to_owned())
}

/// The keyed hash of a start: HMAC-SHA256 under the day's salt of the quiz, the client's
/// address and its user agent. Only this is stored; without the day's salt (deleted the
/// next day) it cannot be recomputed from an address.
pub fn dedup_hash(salt: &str, quiz_id: &str, addr: &str, user_agent: &str) -> String {
    let m = mac(salt, &format!("{quiz_id}\n{addr}\n{user_agent}"));
    hex::encode(m.finalize().into_bytes())
}

/// A campaign's current quiz as the public sees it.
#[derive(Debug, Clone)]
pub struct Public {
    pub campaign: Campaign,
    pub quiz: Quiz,
    pub doc: QuizDoc,
}

impl Public {
    pub fn is_open(&self, now: i64) -> bool {
        self.quiz.starts_at <= now && now < self.quiz.ends_at
    }
}

/// The campaign at `/q/{slug}` with its current quiz; 404 for an unknown one.
pub async fn public(db: &Db, slug: &str) -> Result<Public> {
    let campaign = store::campaign_by_slug(db, slug)
        .await?
        .ok_or(Error::NotFound)?;
    let quiz = store::current_quiz(db, &campaign.id)
        .await?
        .ok_or(Error::NotFound)?;
    let doc = doc_of(&quiz)?;
    Ok(Public {
        campaign,
        quiz,
        doc,
    })
}

/// Whether a channel code names one of the campaign's channels. An unknown code is not
/// refused: the person is told and their answers count without a channel (a mistyped
/// poster address should not turn anyone away; the channel is only a statistic).
pub async fn channel_known(db: &Db, p: &Public, code: &str) -> Result<bool> {
    Ok(spona_domain::quiz::channel_code_ok(code)
        && store::channel_exists(db, &p.campaign.id, code).await?)
}

/// A started session: its token, and how long to wait before answering (a burst).
#[derive(Debug, Clone)]
pub struct Started {
    pub token: String,
    pub delay_ms: u64,
}

/// Starts a session. The address is hashed here and dropped.
pub async fn start(
    db: &Db,
    p: &Public,
    channel: Option<&str>,
    addr: IpAddr,
    user_agent: &str,
    now: i64,
) -> Result<Started> {
    if !p.is_open(now) {
        return Err(Error::Conflict("qz-err-closed"));
    }
    let channel = match channel {
        Some(c) if channel_known(db, p, c).await? => Some(c.to_owned()),
        _ => None,
    };
    let day = day_of(now);
    let fresh: [u8; 32] = rand::random();
    let salt = store::salt_of(db, &day, &hex::encode(fresh)).await?;
    let dedup = dedup_hash(&salt, &p.quiz.id, &addr.to_string(), user_agent);
    let recent = store::recent_starts(db, &dedup, now - 60).await?;
    let delay_ms = (recent - BURST_FREE).clamp(0, 40) as u64 * 50;
    let session = Session {
        id: new_id(),
        quiz_id: p.quiz.id.clone(),
        channel,
        day,
        dedup,
        country: None,
        region: None,
        age_band: None,
        excluded: 0,
        created_at: now,
        finished_at: None,
    };
    store::start_session(db, &session).await?;
    Ok(Started {
        token: make_token(&p.campaign.token_key, &session.id, now + TOKEN_LIFE),
        delay_ms,
    })
}

/// A session being taken: its campaign, the version it started on (number, open period,
/// document), its question order and what it has answered so far.
#[derive(Debug, Clone)]
pub struct Taking {
    pub campaign: Campaign,
    pub quiz_id: String,
    pub version: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub doc: Arc<QuizDoc>,
    pub session: Session,
    /// Position (from 0) → question index.
    pub order: Vec<usize>,
    /// The session's answers when the page was asked for.
    pub answers: Answers,
}

impl Taking {
    /// The question at a position counted from 1, with its index; 404 beyond the quiz.
    pub fn at(&self, position: usize) -> Result<(usize, &Question)> {
        let index = position
            .checked_sub(1)
            .and_then(|p| self.order.get(p))
            .copied()
            .ok_or(Error::NotFound)?;
        Ok((index, &self.doc.questions[index]))
    }

    pub fn is_open(&self, now: i64) -> bool {
        self.starts_at <= now && now < self.ends_at
    }
}

/// The session a token names, for the campaign at `slug`. A token this campaign did not
/// sign is refused (`qz-err-token`), an old one too (`qz-err-expired`).
///
/// A good token costs one statement (the session with its campaign, version and answers,
/// `spona_store::quiz_answers::taking`) and the document kept in `live`; any other is
/// checked step by step ([`refusal`]) to say why it is refused.
pub async fn taking(db: &Db, live: &Live, slug: &str, token: &str, now: i64) -> Result<Taking> {
    let id = token.split('.').next().unwrap_or_default();
    let row = match store_taking(db, id).await? {
        Some(row)
            if row.campaign.slug == slug
                && check_token(&row.campaign.token_key, token, now).as_deref() == Ok(id) =>
        {
            row
        }
        _ => return Err(refusal(db, slug, token, now).await),
    };
    let doc = live.doc(db, &row.session.quiz_id, row.version).await?;
    let order = order(doc.questions.len(), doc.shuffle, &row.session.id);
    let mut answers = Answers::default();
    for (q, correct) in row.responses {
        answers
            .by_question
            .insert(q as usize, (correct.map(|c| c == 1), Vec::new()));
    }
    for (q, c) in row.choices {
        if let Some(e) = answers.by_question.get_mut(&(q as usize)) {
            e.1.push(c);
        }
    }
    Ok(Taking {
        campaign: row.campaign,
        quiz_id: row.session.quiz_id.clone(),
        version: row.version,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        doc,
        session: row.session,
        order,
        answers,
    })
}

/// Why a token is refused, checked in this order: an unknown campaign (404), a token the
/// campaign did not sign (403 `qz-err-token`), an expired one (403 `qz-err-expired`), a
/// session that is not there or not the campaign's (403 `qz-err-token`).
async fn refusal(db: &Db, slug: &str, token: &str, now: i64) -> Error {
    let campaign = match store::campaign_by_slug(db, slug).await {
        Ok(Some(c)) => c,
        Ok(None) => return Error::NotFound,
        Err(e) => return e.into(),
    };
    match check_token(&campaign.token_key, token, now) {
        Err(TokenError::Expired) => Error::Refused("qz-err-expired"),
        // Forged, or signed but for a session that is not there or not the campaign's.
        Err(TokenError::Forged) | Ok(_) => Error::Refused("qz-err-token"),
    }
}

/// Records the answer at a position: once per question (a second is 409
/// `qz-err-answered`), only while the quiz is open (409 `qz-err-closed`), only choices the
/// question has (422 on `choice`).
pub async fn answer(
    live: &Live,
    t: &Taking,
    position: usize,
    choices: &[i64],
    now: i64,
) -> Result<()> {
    let (index, q) = t.at(position)?;
    if !t.is_open(now) {
        return Err(Error::Conflict("qz-err-closed"));
    }
    let mut choices = choices.to_vec();
    choices.sort_unstable();
    let correct = q
        .judge(&choices, t.doc.scored)
        .map_err(|e| Error::Invalid(vec![e]))?;
    // Answered when the page was read: refused without a write (the database refuses a
    // second answer given at the same moment: the primary key).
    if t.answers.get(index).is_some() {
        return Err(Error::Conflict("qz-err-answered"));
    }
    let new = live
        .store(NewAnswer {
            session_id: t.session.id.clone(),
            question: index as i64,
            correct,
            choices,
            at: now,
        })
        .await?;
    if !new {
        return Err(Error::Conflict("qz-err-answered"));
    }
    Ok(())
}

/// What a session answered: per question index, whether right and the choices.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub by_question: std::collections::BTreeMap<usize, (Option<bool>, Vec<i64>)>,
}

impl Answers {
    pub fn get(&self, index: usize) -> Option<&(Option<bool>, Vec<i64>)> {
        self.by_question.get(&index)
    }
    /// `(right answers, scored questions answered)`.
    pub fn score(&self) -> (i64, i64) {
        let scored = self.by_question.values().filter_map(|(c, _)| *c);
        let (mut right, mut all) = (0, 0);
        for c in scored {
            all += 1;
            right += i64::from(c);
        }
        (right, all)
    }
}

/// Saves the optional answers about the taker (each may be left empty) and ends the
/// session. A second time changes nothing.
pub async fn finish(
    db: &Db,
    t: &Taking,
    country: &str,
    region: &str,
    age_band: &str,
    now: i64,
) -> Result<()> {
    let mut errors = Vec::new();
    fn pick(v: &str) -> Option<&str> {
        Some(v.trim()).filter(|v| !v.is_empty())
    }
    let (country, region, age) = (pick(country), pick(region), pick(age_band));
    if country.is_some_and(|c| !COUNTRIES.contains(&c)) {
        errors.push(Invalid::new("country", "err-unknown-term"));
    }
    if region.is_some_and(|r| !region_ok(r)) {
        errors.push(Invalid::new("region", "qz-err-region"));
    }
    if age.is_some_and(|a| !AGE_BANDS.contains(&a)) {
        errors.push(Invalid::new("age_band", "err-unknown-term"));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    store::finish(db, &t.session.id, country, region, age, now).await?;
    Ok(())
}
