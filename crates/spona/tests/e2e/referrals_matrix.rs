//! The case-worker matrix over HTTP (issue 19): every role around a referral × every
//! referral action, pages and JSON API, → the status the rules give. One table; a change
//! runs on a fresh referral each time, so that no cell depends on another.

use spona_app::referrals::{self as uc, ReferralDraft};
use spona_domain::referral::Answer;
use spona_domain::role::OrgRole;

use crate::harness::*;
use crate::referrals::{
    ATINA_WORKER, PVPT_ADMIN, PVPT_WORKER, World, ZMINA_WORKER, actor, answer_as_pvpt, draft, world,
};

/// An Atina case worker without the override permission, who sends the referrals.
const SENDER: &str = "sender@atina.example.org";
/// A member of PVPT who is no case worker.
const PVPT_MEMBER: &str = "member@pvpt.example.org";

/// Columns, in order. The override holder is Atina's other case worker (`ATINA_WORKER`).
const ROLES: [&str; 8] = [
    "signed out",
    "sender",
    "receiver",
    "override holder",
    "org admin, no case worker",
    "member, no case worker",
    "platform admin",
    "outsider (ZMINA's case worker)",
];

fn email(role: usize) -> Option<&'static str> {
    [
        None,
        Some(SENDER),
        Some(PVPT_WORKER),
        Some(ATINA_WORKER),
        Some(PVPT_ADMIN),
        Some(PVPT_MEMBER),
        Some(ADMIN),
        Some(ZMINA_WORKER),
    ][role]
}

/// Where the referral must stand before the action.
#[derive(Clone, Copy, PartialEq)]
enum Before {
    /// The shared referral (reads only).
    Shared,
    Sent,
    Accepted,
}

struct Cell {
    method: &'static str,
    /// `{id}` is the referral, `{intake}` Atina's intake.
    path: &'static str,
    before: Before,
    /// A page form (`None`: a JSON body, for `/api/` paths).
    form: &'static [(&'static str, &'static str)],
    json: &'static str,
    /// The status for each role, in [`ROLES`]' order.
    expect: [u16; 8],
}

const fn cell(
    method: &'static str,
    path: &'static str,
    before: Before,
    form: &'static [(&'static str, &'static str)],
    json: &'static str,
    expect: [u16; 8],
) -> Cell {
    Cell {
        method,
        path,
        before,
        form,
        json,
        expect,
    }
}

use Before::*;

#[rustfmt::skip]
const MATRIX: &[Cell] = &[
    //                                                                         anon send recv ovr  adm  mem  plat out
    cell("GET",  "/en/referrals",                Shared,   &[], "",            [303, 200, 200, 200, 404, 404, 404, 200]),
    cell("GET",  "/en/referrals/{id}",           Shared,   &[], "",            [303, 200, 200, 200, 404, 404, 404, 404]),
    cell("GET",  "/en/referrals/intake/{intake}", Shared,  &[], "",            [303, 200, 404, 200, 404, 404, 404, 404]),
    cell("GET",  "/en/referrals/stats",          Shared,   &[], "",            [303, 200, 200, 200, 200, 403, 200, 200]),
    cell("GET",  "/api/v1/referrals",            Shared,   &[], "",            [401, 200, 200, 200, 404, 404, 404, 200]),
    cell("GET",  "/api/v1/referrals/{id}",       Shared,   &[], "",            [401, 200, 200, 200, 404, 404, 404, 404]),
    cell("POST", "/en/referrals/new",            Shared,   &[("reason", "Needs a safe place"), ("first-name", "Matrix"), ("override_reason", "In danger now, cannot ask")], "",
                                                                               [303, 422, 422, 303, 404, 404, 404, 422]),
    cell("POST", "/en/referrals/{id}/answer",    Sent,     &[("answer", "accept")], "",
                                                                               [303, 403, 303, 403, 404, 404, 404, 404]),
    cell("POST", "/en/referrals/{id}/note",      Sent,     &[("body", "A note"), ("shared", "yes")], "",
                                                                               [303, 303, 303, 303, 404, 404, 404, 404]),
    cell("POST", "/en/referrals/{id}/outcome",   Accepted, &[("outcome", "service-provided")], "",
                                                                               [303, 403, 303, 403, 404, 404, 404, 404]),
    cell("POST", "/en/referrals/{id}/withdraw",  Sent,     &[], "",            [303, 303, 403, 303, 404, 404, 404, 404]),
    cell("POST", "/api/v1/referrals/{id}/answer", Sent,    &[], r#"{"answer":"accept"}"#,
                                                                               [401, 403, 200, 403, 404, 404, 404, 404]),
    cell("POST", "/api/v1/referrals/{id}/note",  Sent,     &[], r#"{"body":"A note"}"#,
                                                                               [401, 200, 200, 200, 404, 404, 404, 404]),
    cell("POST", "/api/v1/referrals/{id}/outcome", Accepted, &[], r#"{"outcome":"other"}"#,
                                                                               [401, 403, 200, 403, 404, 404, 404, 404]),
    cell("POST", "/api/v1/referrals/{id}/withdraw", Sent,  &[], "{}",          [401, 200, 403, 200, 404, 404, 404, 404]),
];

async fn sender_and_member(app: &TestApp, w: &World) {
    if spona_store::users::find_by_email(&app.db, SENDER)
        .await
        .expect("db")
        .is_some()
    {
        return;
    }
    let sender = app.add_person(SENDER, "Sender").await;
    spona_store::users::set_membership(&app.db, &sender, &w.atina, OrgRole::Member)
        .await
        .expect("membership");
    uc::set_worker(
        &actor(app, ATINA_ADMIN).await,
        &app.db,
        &w.atina,
        &sender,
        false,
    )
    .await
    .expect("sender");
    let member = app.add_person(PVPT_MEMBER, "PVPT member").await;
    spona_store::users::set_membership(&app.db, &member, &w.pvpt, OrgRole::Member)
        .await
        .expect("membership");
}

/// A referral from the plain Atina worker to PVPT's safe house, standing `before`.
async fn referral(app: &TestApp, w: &World, before: Before) -> String {
    let d: ReferralDraft = draft(w, "Matrix Fictitious");
    let id = uc::create(
        &actor(app, SENDER).await,
        &app.db,
        app.vault(),
        &w.shelter,
        &d,
        None,
        &app.base,
    )
    .await
    .expect("referral");
    if before == Accepted {
        answer_as_pvpt(app, &id, Answer::Accept, "").await;
    }
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_gets_what_the_rules_say() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    sender_and_member(&app, &w).await;
    let shared = referral(&app, &w, Sent).await;
    let intake = crate::referrals::intake_fixture(&app).await;
    let mut clients = Vec::new();
    for role in 0..ROLES.len() {
        let c = match email(role) {
            Some(e) => app.signed_in_in_process(e).await,
            None => app.client_in_process(),
        };
        let csrf = c.csrf().await;
        clients.push((c, csrf));
    }
    // Each role refers from its own organisation (the form's hidden field).
    let from = |role: usize| match role {
        1 | 3 => w.atina.clone(),
        2 | 4 | 5 => w.pvpt.clone(),
        7 => w.zmina.clone(),
        _ => String::new(),
    };
    let mut failures = Vec::new();
    let mut cells = 0;
    for row in MATRIX {
        for (role, (c, csrf)) in clients.iter().enumerate() {
            let id = match row.before {
                Shared => shared.clone(),
                b => referral(&app, &w, b).await,
            };
            let path = row.path.replace("{id}", &id).replace("{intake}", &intake);
            let r = if row.method == "GET" {
                c.get(&path).await
            } else if path.starts_with("/api/") {
                let body: serde_json::Value = serde_json::from_str(row.json).expect("json");
                c.post_json(&path, &body, Some(csrf.as_str())).await
            } else {
                let mut form: Vec<(&str, String)> = row
                    .form
                    .iter()
                    .map(|(k, v)| (*k, (*v).to_owned()))
                    .collect();
                if path.ends_with("/referrals/new") {
                    form.push(("service", w.shelter.clone()));
                    form.push(("from_org", from(role)));
                    form.push(("once", spona_store::new_token()));
                }
                let fields: Vec<(&str, &str)> =
                    form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                c.post(&path, &fields).await
            };
            cells += 1;
            let want = row.expect[role];
            let signin = r.status == 303 && r.location().contains("/signin");
            if r.status != want || (role == 0 && want == 303 && !signin) {
                failures.push(format!(
                    "{} {} as {}: expected {want}, got {} {}",
                    row.method,
                    row.path,
                    ROLES[role],
                    r.status,
                    r.location()
                ));
            } else if role > 0 && want == 303 && signin {
                failures.push(format!(
                    "{} {} as {}: sent to sign in",
                    row.method, row.path, ROLES[role]
                ));
            }
            // Reading the list never shows another organisations' referral.
            if row.path.ends_with("/referrals") && r.status == 200 && role == 7 {
                assert!(!r.body.contains(&shared), "the outsider's list names it");
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(cells, MATRIX.len() * ROLES.len());
}
