//! Mentorship rounds: people opt in personally as mentors (with a capacity of mentees) or
//! mentees; the proposal respects each mentor's capacity; names and e-mail addresses are
//! shared only when both accept.

use crate::harness::*;

const OLENA: &str = "olena@mentors.example.org";
const TARAS: &str = "taras@mentors.example.org";
const ANA: &str = "ana@mentees.example.org";
const MARKO: &str = "marko@mentees.example.org";
const JOVANA: &str = "jovana@mentees.example.org";
const MILICA: &str = "milica@mentees.example.org";

async fn mentorship_round(app: &TestApp) -> String {
    let round = NewRound {
        programme: "mentorship",
        deadline: "2099-03-31",
        ..NewRound::peer_exchange("Mentors from Ukraine, mentees in Serbia")
    };
    open_round(&app.signed_in_in_process(ADMIN).await, round).await
}

async fn opt_in(who: &Client, round: &str, fields: &[(&str, &str)]) -> Reply {
    who.post(&format!("/en/matching/{round}/opt-in"), fields)
        .await
}

fn mentor(capacity: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("role", "mentor"),
        ("country", "UA"),
        ("statement", "Twelve years running shelters."),
        ("offers", "trauma-care"),
        ("offers", "digital-security"),
        ("languages", "en"),
        ("capacity", capacity),
    ]
}

fn mentee(need: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("role", "mentee"),
        ("country", "RS"),
        ("statement", "I am starting a survivors' group."),
        ("needs", need),
        ("languages", "en"),
        ("capacity", "1"),
    ]
}

async fn participants(app: &TestApp, round: &str) -> Vec<spona_store::matching::Participant> {
    spona_store::matching::participants(&app.db, round)
        .await
        .expect("db")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matching_mentorship_a_whole_round() {
    let app = TestApp::start().await;
    for (email, name) in [
        (OLENA, "Olena Mentor"),
        (TARAS, "Taras Mentor"),
        (ANA, "Ana Mentee"),
        (MARKO, "Marko Mentee"),
        (JOVANA, "Jovana Mentee"),
        (MILICA, "Milica Mentee"),
    ] {
        app.add_person(email, name).await;
    }
    // One sign-in each (sign-ins are rate-limited per account).
    let mut clients = std::collections::HashMap::new();
    for email in [OLENA, TARAS, ANA, MARKO, JOVANA, MILICA] {
        clients.insert(email, app.signed_in_in_process(email).await);
    }
    let c = |email: &str| &clients[email];
    let id = mentorship_round(&app).await;
    let path = format!("/en/matching/{id}");
    // A person without an organisation gets the personal form.
    let page = c(ANA).get(&path).await;
    assert!(page.body.contains("Mentorship") && page.body.contains("name=\"role\""));

    // Bad input is refused with a message, and nothing is written.
    let mut zero = mentor("0");
    zero.push(("offers", "juggling"));
    let r = opt_in(c(OLENA), &id, &zero).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("from 1 to 5") && r.body.contains("Choose values from the list only"));
    let mut two = mentee("trauma-care");
    two.retain(|(k, _)| *k != "capacity");
    two.push(("capacity", "2"));
    let r = opt_in(c(ANA), &id, &two).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("A mentee takes one mentor"));
    let mut wrong_side = mentor("2");
    wrong_side.retain(|(k, _)| *k != "country");
    wrong_side.push(("country", "RS"));
    let r = opt_in(c(OLENA), &id, &wrong_side).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Mentors work from the countries of side A"));
    let mut silent = mentee("trauma-care");
    silent.retain(|(k, _)| *k != "statement");
    let r = opt_in(c(ANA), &id, &silent).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Describe your goals"));
    assert!(
        participants(&app, &id).await.is_empty(),
        "nothing half-written"
    );

    // Two mentors (Olena takes 2, Taras 1) and four mentees who all need trauma care.
    assert_eq!(opt_in(c(OLENA), &id, &mentor("2")).await.status, 303);
    let mut taras = mentor("1");
    taras.retain(|f| *f != ("offers", "digital-security"));
    assert_eq!(opt_in(c(TARAS), &id, &taras).await.status, 303);
    for who in [ANA, JOVANA, MILICA] {
        assert_eq!(
            opt_in(c(who), &id, &mentee("trauma-care")).await.status,
            303
        );
    }
    assert_eq!(
        opt_in(c(MARKO), &id, &mentee("digital-security"))
            .await
            .status,
        303
    );
    // A person on both sides: refused, with a message.
    let both = opt_in(c(OLENA), &id, &mentee("trauma-care")).await;
    assert_eq!(both.status, 409);
    assert!(both.body.contains("one side only"));
    let people = participants(&app, &id).await;
    assert_eq!(people.len(), 6);
    assert!(
        people
            .iter()
            .all(|p| p.org_id.is_none() && p.user_id.is_some())
    );
    let olena_page = c(OLENA).get(&path).await.body;
    assert!(olena_page.contains("as a mentor") && !olena_page.contains("name=\"role\""));

    // The proposal: three pairs (capacity 2 + 1), Olena with exactly two mentees.
    let admin = app.signed_in_in_process(ADMIN).await;
    assert_eq!(admin.post(&format!("{path}/run"), &[]).await.status, 303);
    let proposals = spona_store::matching::proposals(&app.db, &id)
        .await
        .expect("db");
    let pid = |name: &str| {
        people
            .iter()
            .find(|p| p.name == name)
            .expect("participant")
            .id
            .clone()
    };
    assert_eq!(proposals.len(), 3);
    let olenas: Vec<_> = proposals
        .iter()
        .filter(|p| p.a_id == pid("Olena Mentor"))
        .collect();
    assert_eq!(olenas.len(), 2, "a mentor takes up to her capacity");
    assert_eq!(
        proposals
            .iter()
            .filter(|p| p.a_id == pid("Taras Mentor"))
            .count(),
        1
    );
    let mut mentees: Vec<_> = proposals.iter().map(|p| p.b_id.clone()).collect();
    mentees.sort();
    mentees.dedup();
    assert_eq!(mentees.len(), 3, "each mentee has one mentor at most");
    // The coordinator sees names; the CSV covers the round.
    let view = admin.get(&path).await.body;
    assert!(view.contains("Olena Mentor") && view.contains("People in this round"));
    let (status, csv, _) = admin.bytes(&format!("{path}/export.csv")).await;
    assert_eq!(status, 200);
    assert!(
        String::from_utf8(csv)
            .expect("utf-8")
            .contains("\"Olena Mentor\"")
    );

    // Published: a mentee sees her proposed mentor by role, country and own words only.
    assert_eq!(
        admin.post(&format!("{path}/publish"), &[]).await.status,
        303
    );
    let pair = proposals
        .iter()
        .find(|p| p.b_id == pid("Marko Mentee"))
        .expect("Marko has a mentor: only Olena offers digital security");
    assert_eq!(pair.a_id, pid("Olena Mentor"));
    let marko = c(MARKO);
    let seen = marko.get(&path).await.body;
    assert!(
        seen.contains("A mentor from Ukraine") && seen.contains("Twelve years running shelters.")
    );
    assert!(
        !seen.contains("Olena") && !seen.contains(OLENA),
        "no name before both accept"
    );
    let api = format!("/api/v1/matching/rounds/{id}");
    let json = marko.get(&api).await.json();
    assert_eq!(json["programme"], "mentorship");
    assert_eq!(json["proposals"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["proposals"][0]["person_a"]["role"], "mentor");
    assert!(json["proposals"][0]["person_a"]["name"].is_null());
    assert!(json["proposals"][0]["person_a"]["email"].is_null());
    assert!(json["proposals"][0]["org_a"].is_null());
    // Someone else's proposal is not theirs to answer.
    let answer = format!("{path}/proposals/{}/answer", pair.id);
    assert_eq!(
        c(ANA).post(&answer, &[("answer", "accept")]).await.status,
        404
    );
    // Both accept: each sees the other's name and e-mail address.
    assert_eq!(
        marko.post(&answer, &[("answer", "accept")]).await.status,
        303
    );
    assert!(!marko.get(&path).await.body.contains(OLENA));
    let olena = c(OLENA);
    assert_eq!(
        olena.post(&answer, &[("answer", "accept")]).await.status,
        303
    );
    let twice = olena.post(&answer, &[("answer", "decline")]).await;
    assert_eq!(twice.status, 400);
    assert!(twice.body.contains("You have already answered"));
    let after = marko.get(&path).await.body;
    assert!(after.contains("Your partner’s contact details") && after.contains(OLENA));
    assert!(olena.get(&path).await.body.contains(MARKO));
    let json = marko.get(&api).await.json();
    assert_eq!(json["proposals"][0]["person_a"]["email"], OLENA);
    assert_eq!(json["proposals"][0]["person_a"]["name"], "Olena Mentor");
    // The pair has a history page for the two people.
    let pair_path = format!("{path}/pairs/{}", pair.id);
    assert!(after.contains(&pair_path));
    assert_eq!(olena.get(&pair_path).await.status, 200);
    assert_eq!(c(ANA).get(&pair_path).await.status, 404);
    // A declined mentorship is forbidden in later runs.
    let other = olenas
        .iter()
        .find(|p| p.id != pair.id)
        .expect("Olena's second mentee");
    let mentee_id = people
        .iter()
        .find(|p| p.id == other.b_id)
        .and_then(|p| p.user_id.clone())
        .expect("mentee");
    let mentee_email = spona_store::users::get(&app.db, &mentee_id)
        .await
        .expect("user")
        .email;
    let declined = format!("{path}/proposals/{}/answer", other.id);
    assert_eq!(
        c(&mentee_email)
            .post(&declined, &[("answer", "decline")])
            .await
            .status,
        303
    );
    let constraints = spona_store::matching::constraints(&app.db, &id)
        .await
        .expect("db");
    assert!(
        constraints
            .iter()
            .any(|c| c.a_id == other.a_id && c.b_id == other.b_id && c.kind.as_str() == "forbid")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matching_mentorship_opt_ins_after_the_deadline_are_refused() {
    let app = TestApp::start().await;
    app.add_person(ANA, "Ana Mentee").await;
    let admin = spona_store::users::find_by_email(&app.db, ADMIN)
        .await
        .expect("db")
        .expect("admin");
    let spec = spona_domain::matching::RoundSpec {
        programme: spona_domain::matching::Programme::Mentorship,
        title: "Last year's mentorship".into(),
        titles: Vec::new(),
        side_a: vec!["UA".into()],
        side_b: vec!["RS".into()],
        deadline: spona_store::now() - 60,
    };
    let id = spona_store::matching::create_round(&app.db, &spec, None, &admin.id)
        .await
        .expect("round");
    let ana = app.signed_in_in_process(ANA).await;
    let page = ana.get(&format!("/en/matching/{id}")).await.body;
    assert!(!page.contains("name=\"role\""));
    let r = opt_in(&ana, &id, &mentee("trauma-care")).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("no longer takes opt-ins"));
    assert!(participants(&app, &id).await.is_empty());
}
