//! The authorisation matrix: for every route, what each actor gets.
//!
//! Actors, in column order:
//!   anon        — not signed in
//!   member      — member of ASTRA
//!   org_admin   — admin of ASTRA
//!   other_admin — admin of ZMINA (another organisation)
//!   coordinator — admin of Atina, which coordinates the BRIDGE network (Atina, PVPT)
//!   admin       — platform admin
//!
//! Outcomes, one letter per actor:
//!   O  allowed: 2xx, or a redirect that is not to the sign-in page
//!   V  allowed, but the (deliberately invalid) input is refused with 422
//!   S  sign-in required: 303 to `/…/signin?next=…` (pages) or 401 (API)
//!   F  forbidden: 403, and exactly one `security.denied` audit entry
//!   N  not found: 404
//!   B  bad request: 400 (e.g. an expired or unknown link)
//!
//! `object` fills the path's `{…}` parameter(s): an organisation or network slug, or
//! `@member` (the ASTRA member's user id), `@css` (the current stylesheet's file name),
//! `@round` (the fixture's matching round), `@token` (a token that was never issued), `@nothing.png` (a well-formed media name that
//! names no file). A route may have several rows, e.g. for one's
//! own object and another organisation's. Every route of the router must have at least one
//! row: `every_route_is_in_the_matrix` fails otherwise.

pub struct Row {
    pub method: &'static str,
    pub path: &'static str,
    pub object: &'static [&'static str],
    /// Form fields for POST (the CSRF token is added by the harness).
    pub form: &'static [(&'static str, &'static str)],
    /// anon, member, org_admin, other_admin, coordinator, admin
    pub expect: &'static str,
}

const fn row(
    method: &'static str,
    path: &'static str,
    object: &'static [&'static str],
    form: &'static [(&'static str, &'static str)],
    expect: &'static str,
) -> Row {
    Row {
        method,
        path,
        object,
        form,
        expect,
    }
}

const NONE: &[&str] = &[];
const NO_FORM: &[(&str, &str)] = &[];
const ORG_FORM: &[(&str, &str)] = &[
    ("name", "Renamed organisation"),
    ("country", "RS"),
    ("city", "Niš"),
];
const NEW_PASSWORD: &[(&str, &str)] = &[
    ("current", "Sunflowers over Kyiv 1991"),
    ("password", "A completely new passphrase"),
    ("password2", "A completely new passphrase"),
];

#[rustfmt::skip]
pub const MATRIX: &[Row] = &[
    // Public pages and assets.
    row("GET",  "/",                          NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/about/accessibility",       NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/healthz",                   NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/favicon.ico",               NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/leave",                     NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/media/{name}",              &["@nothing.png"], NO_FORM, "N N N N N N"),
    row("GET",  "/static/{name}",             &["@css"], NO_FORM, "O O O O O O"),
    row("GET",  "/static/{name}",             &["nothing.css"], NO_FORM, "N N N N N N"),
    // Directory.
    row("GET",  "/orgs",                      NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/orgs/{slug}",               &["astra"], NO_FORM, "O O O O O O"),
    row("GET",  "/orgs/{slug}",               &["no-such-org"], NO_FORM, "N N N N N N"),
    row("GET",  "/orgs/new",                  NONE, NO_FORM, "S F F F F O"),
    row("POST", "/orgs/new",                  NONE, ORG_FORM, "S F F F F O"),
    row("GET",  "/orgs/{slug}/edit",          &["astra"], NO_FORM, "S F O F F O"),
    row("GET",  "/orgs/{slug}/edit",          &["zmina"], NO_FORM, "S F F O F O"),
    row("GET",  "/orgs/{slug}/edit",          &["no-such-org"], NO_FORM, "S N N N N N"),
    row("POST", "/orgs/{slug}/edit",          &["astra"], ORG_FORM, "S F O F F O"),
    row("POST", "/orgs/{slug}/edit",          &["atina"], ORG_FORM, "S F F F O O"),
    // Logos (the POST sends a multipart form with a small PNG, as the page's form does).
    row("POST", "/orgs/{slug}/logo",          &["astra"], NO_FORM, "S F O F F O"),
    row("POST", "/orgs/{slug}/logo",          &["zmina"], NO_FORM, "S F F O F O"),
    row("POST", "/orgs/{slug}/logo/remove",   &["astra"], NO_FORM, "S F O F F O"),
    // People of an organisation.
    row("GET",  "/orgs/{slug}/people",        &["astra"], NO_FORM, "S F O F F O"),
    row("GET",  "/orgs/{slug}/people",        &["zmina"], NO_FORM, "S F F O F O"),
    row("POST", "/orgs/{slug}/invite",        &["astra"], &[("email", "new.person@example.org"), ("role", "member")], "S F O F F O"),
    row("GET",  "/orgs/{slug}/invite",        &["astra"], NO_FORM, "S F O F F O"),
    row("POST", "/orgs/{slug}/invites/link",  &["astra"], &[("email", "new.person@example.org"), ("role", "member")], "S F F F F O"),
    row("GET",  "/orgs/{slug}/invites/link/{view}", &["astra", "@token"], NO_FORM, "S F F F F N"),
    row("POST", "/orgs/{slug}/people/{user_id}/role",   &["astra", "@member"], &[("role", "admin")], "S F O F F O"),
    row("POST", "/orgs/{slug}/people/{user_id}/remove", &["astra", "@member"], NO_FORM, "S F O F F O"),
    row("POST", "/orgs/{slug}/people/{user_id}/remove", &["zmina", "@member"], NO_FORM, "S F F N F N"),
    // Networks.
    row("GET",  "/networks",                  NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/networks/{slug}",           &["bridge"], NO_FORM, "O O O O O O"),
    row("GET",  "/networks/{slug}",           &["no-such-network"], NO_FORM, "N N N N N N"),
    row("POST", "/networks/{slug}/members",   &["bridge"], &[("org", "astra")], "S F F F O O"),
    row("POST", "/networks/{slug}/members/{org_slug}/remove", &["bridge", "pvpt"], NO_FORM, "S F F F O O"),
    // Matching rounds (`@round`: an open Ukraine ↔ Serbia peer-exchange round for everyone).
    row("GET",  "/matching",                  NONE, NO_FORM, "S O O O O O"),
    row("GET",  "/matching/new",              NONE, NO_FORM, "S F F F O O"),
    row("POST", "/matching/new",              NONE, &[("title", "Kosovo ↔ Serbia buddies"), ("programme", "buddy"), ("side_a", "XK"), ("side_b", "RS"), ("deadline", "2099-06-30"), ("network", "")], "S F F F F O"),
    row("POST", "/matching/new",              NONE, &[("title", "BRIDGE buddies"), ("programme", "buddy"), ("side_a", "XK"), ("side_b", "RS"), ("deadline", "2099-06-30"), ("network", "bridge")], "S F F F O O"),
    row("GET",  "/matching/{id}",             &["@round"], NO_FORM, "S O O O O O"),
    row("GET",  "/matching/{id}",             &["no-such-round"], NO_FORM, "S N N N N N"),
    row("POST", "/matching/{id}/opt-in",      &["@round"], &[("org", "astra"), ("offers", "safe-houses"), ("languages", "sr"), ("capacity", "1")], "S F O F F F"),
    // Running a round (the fixture's round has nobody in it yet: the coordinator's actions
    // reach the "nothing to do" answers).
    row("GET",  "/matching/{id}/export.csv",  &["@round"], NO_FORM, "S F F F F O"),
    row("POST", "/matching/{id}/run",         &["@round"], NO_FORM, "S F F F F B"),
    row("POST", "/matching/{id}/constraints", &["@round"], &[("a", "x"), ("b", "y"), ("kind", "pin")], "S F F F F B"),
    row("POST", "/matching/{id}/publish",     &["@round"], NO_FORM, "S F F F F B"),
    row("POST", "/matching/{id}/proposals/{proposal}/answer", &["@round", "no-such-proposal"], &[("answer", "accept")], "S N N N N N"),
    // A pair's history (the fixture has no agreed pair: nobody can tell whether one exists).
    row("GET",  "/matching/{id}/pairs/{proposal}", &["@round", "no-such-pair"], NO_FORM, "S N N N N N"),
    row("POST", "/matching/{id}/pairs/{proposal}/check-ins", &["@round", "no-such-pair"], &[("date", "2026-01-01"), ("note", "x")], "S N N N N N"),
    row("POST", "/matching/{id}/pairs/{proposal}/end", &["@round", "no-such-pair"], &[("note", "x")], "S N N N N N"),
    row("POST", "/matching/{id}/pairs/{proposal}/feedback", &["@round", "no-such-pair"], &[("note", "x")], "S N N N N N"),
    // The resource hub (`@res_public`, `@res_members`: ASTRA's; `@res_bridge`: Atina's, for
    // the BRIDGE network only). Readers who may not see a resource get 404, editors are the
    // owner's members and platform admins; a missing language is a 400 after access checks.
    row("GET",  "/resources",                 NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/resources/feed.atom",       NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/resources/review",          NONE, NO_FORM, "S O O O O O"),
    row("GET",  "/resources/outdated",        NONE, NO_FORM, "S O O O O O"),
    row("GET",  "/resources/{id}",            &["@res_public"], NO_FORM, "O O O O O O"),
    row("GET",  "/resources/{id}",            &["@res_members"], NO_FORM, "N O O O O O"),
    row("GET",  "/resources/{id}",            &["@res_bridge"], NO_FORM, "N N N N O O"),
    row("GET",  "/resources/{id}",            &["no-such-resource"], NO_FORM, "N N N N N N"),
    row("GET",  "/resources/{id}/attachments/{attachment}", &["@res_members", "no-such-file"], NO_FORM, "N N N N N N"),
    row("GET",  "/resources/{id}/attachments/{attachment}/warning", &["@res_members", "no-such-file"], NO_FORM, "N N N N N N"),
    row("GET",  "/resources/new",             NONE, NO_FORM, "S O O O O O"),
    row("POST", "/resources/new",             NONE, &[("owner", "astra"), ("kind", "case-study"), ("visibility", "public"), ("review_due", "2099-01-01"), ("written", "en"), ("title", "A new case study"), ("body", "Text")], "S O O V V O"),
    row("GET",  "/resources/{id}/edit",       &["@res_members"], NO_FORM, "S B B F F B"),
    row("GET",  "/resources/{id}/edit",       &["@res_bridge"], NO_FORM, "S N N N B B"),
    row("POST", "/resources/{id}/edit",       &["@res_members"], &[("written", "en"), ("title", "Members-only hotline protocol"), ("body", "New text"), ("note", "Night shift added"), ("base_version", "1")], "S O O F F O"),
    row("POST", "/resources/{id}/edit",       &["@res_bridge"], &[("written", "en"), ("title", "BRIDGE rules"), ("body", "New text"), ("note", "Edited"), ("base_version", "1")], "S N N N O O"),
    row("GET",  "/resources/{id}/details",    &["@res_members"], NO_FORM, "S O O F F O"),
    row("POST", "/resources/{id}/details",    &["@res_members"], &[("kind", "trauma-protocol"), ("visibility", "members"), ("review_due", "2099-02-01")], "S O O F F O"),
    row("POST", "/resources/{id}/confirm",    &["@res_members"], &[("lang", "en")], "S O O F F O"),
    row("POST", "/resources/{id}/attachments", &["@res_members"], NO_FORM, "S B B F F B"),
    row("POST", "/resources/{id}/attachments", &["@res_bridge"], NO_FORM, "S N N N B B"),
    row("GET",  "/resources/{id}/versions",   &["@res_members"], NO_FORM, "N O O O O O"),
    row("GET",  "/resources/{id}/versions",   &["@res_bridge"], NO_FORM, "N N N N O O"),
    row("GET",  "/resources/{id}/versions/{version}", &["@res_members", "1"], NO_FORM, "N O O O O O"),
    row("GET",  "/resources/{id}/versions/{version}", &["@res_bridge", "1"], NO_FORM, "N N N N O O"),
    row("GET",  "/resources/{id}/compare",    &["@res_members"], NO_FORM, "N B B B B B"),
    // The vault (`@case`: led by ASTRA's admin, ASTRA's member a reviewer; `@item`: its
    // testimony, consent to documentation only). Only the team learns the case exists:
    // everyone else gets 404, platform admins included, unless they use emergency access.
    row("GET",  "/vault",                     NONE, NO_FORM, "S O O O O O"),
    row("GET",  "/vault/new",                 NONE, NO_FORM, "S O O O O O"),
    row("POST", "/vault/new",                 NONE, &[("title", "A new case")], "S O O O O O"),
    row("GET",  "/vault/cases/{id}",          &["@case"], NO_FORM, "S O O N N N"),
    row("GET",  "/vault/cases/{id}",          &["no-such-case"], NO_FORM, "S N N N N N"),
    row("POST", "/vault/cases/{id}/team",     &["@case"], &[("email", "oksana@zmina.example.org"), ("role", "reviewer"), ("reason", "joint investigation")], "S F O N N N"),
    row("POST", "/vault/cases/{id}/team/{user_id}/remove", &["@case", "@member"], &[("reason", "left")], "S F O N N N"),
    row("POST", "/vault/cases/{id}/leave",    &["@case"], NO_FORM, "S O B N N N"),
    row("POST", "/vault/cases/{id}/break-glass", &["@case"], &[("reason", "the lead is unreachable and the survivor is in danger")], "S N N N N O"),
    row("GET",  "/vault/cases/{id}/custody",  &["@case"], NO_FORM, "S O O N N N"),
    row("POST", "/vault/cases/{id}/verify",   &["@case"], NO_FORM, "S O O N N N"),
    row("GET",  "/vault/cases/{id}/testimonies/new", &["@case"], NO_FORM, "S F O N N N"),
    row("POST", "/vault/cases/{id}/testimonies/new", &["@case"], &[("interviewer", "B"), ("language", "sr"), ("place", "Niš"), ("date", "2026-01-02"), ("pseudonym", "Breza"), ("gender_choice", "not-asked"), ("narrative", "Text"), ("documentation", "on")], "S F O N N N"),
    row("POST", "/vault/cases/{id}/files",    &["@case"], NO_FORM, "S F B N N N"),
    row("GET",  "/vault/cases/{id}/items/{item}", &["@case", "@item"], NO_FORM, "S O O N N N"),
    row("GET",  "/vault/cases/{id}/items/{item}/download", &["@case", "@item"], NO_FORM, "S N N N N N"),
    row("GET",  "/vault/cases/{id}/items/{item}/warning", &["@case", "@item"], NO_FORM, "S N N N N N"),
    row("POST", "/vault/cases/{id}/items/{item}/consent", &["@case", "@item"], &[("documentation", "on"), ("prosecutors", "on"), ("reason", "asked again")], "S F O N N N"),
    row("POST", "/vault/cases/{id}/items/{item}/share", &["@case", "@item"], &[("org", "la-strada"), ("reason", "referral")], "S F F N N N"),
    row("GET",  "/vault/cases/{id}/export",   &["@case"], NO_FORM, "S F O N N N"),
    row("POST", "/vault/cases/{id}/export",   &["@case"], &[("recipient", "age1xyz"), ("reason", "court")], "S F B N N N"),
    // Signing in and out.
    row("GET",  "/signin",                    NONE, NO_FORM, "O O O O O O"),
    row("POST", "/signin",                    NONE, &[("email", "milan@astra.example.org"), ("password", "Sunflowers over Kyiv 1991")], "O O O O O O"),
    row("GET",  "/signin/totp",               NONE, NO_FORM, "O O O O O O"),
    row("POST", "/signin/totp",               NONE, &[("code", "123456")], "O O O O O O"),
    row("POST", "/signout",                   NONE, NO_FORM, "O O O O O O"),
    row("POST", "/signout/everywhere",        NONE, NO_FORM, "S O O O O O"),
    // Password reset and invitations (by link).
    row("GET",  "/reset",                     NONE, NO_FORM, "O O O O O O"),
    row("POST", "/reset",                     NONE, &[("email", "milan@astra.example.org")], "O O O O O O"),
    row("GET",  "/reset/{token}",             &["@token"], NO_FORM, "B B B B B B"),
    row("POST", "/reset/{token}",             &["@token"], &[("password", "A completely new passphrase"), ("password2", "A completely new passphrase")], "B B B B B B"),
    row("GET",  "/invite/{token}",            &["@token"], NO_FORM, "B B B B B B"),
    row("POST", "/invite/{token}",            &["@token"], &[("display_name", "Someone"), ("password", "A completely new passphrase"), ("password2", "A completely new passphrase")], "B B B B B B"),
    row("POST", "/invite/{token}/join",       &["@token"], NO_FORM, "S B B B B B"),
    // One's own account.
    row("GET",  "/account",                   NONE, NO_FORM, "S O O O O O"),
    row("POST", "/account/password",          NONE, NEW_PASSWORD, "S O O O O O"),
    row("GET",  "/account/totp",              NONE, NO_FORM, "S O O O O O"),
    row("POST", "/account/totp",              NONE, &[("secret", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), ("code", "000000"), ("current", "Sunflowers over Kyiv 1991")], "S V V V V V"),
    row("POST", "/account/totp/disable",      NONE, &[("current", "Sunflowers over Kyiv 1991")], "S O O O O O"),
    // Platform administration.
    row("GET",  "/admin/audit",               NONE, NO_FORM, "S F F F F O"),
    row("GET",  "/admin/users",               NONE, NO_FORM, "S F F F F O"),
    row("POST", "/admin/users/{id}/disable",  &["@member"], NO_FORM, "S F F F F O"),
    row("POST", "/admin/users/{id}/enable",   &["@member"], NO_FORM, "S F F F F O"),
    row("POST", "/admin/users/{id}/role",     &["@member"], &[("role", "user")], "S F F F F O"),
    // A reload or language switch at a POST-only address: 303 to the page holding its form.
    row("GET",  "/orgs/{slug}/logo",          &["astra"], NO_FORM, "O O O O O O"),
    row("GET",  "/orgs/{slug}/logo/remove",   &["astra"], NO_FORM, "O O O O O O"),
    row("GET",  "/networks/{slug}/members",   &["bridge"], NO_FORM, "O O O O O O"),
    row("GET",  "/networks/{slug}/members/{org_slug}/remove", &["bridge", "pvpt"], NO_FORM, "O O O O O O"),
    row("GET",  "/matching/{id}/opt-in",      &["@round"], NO_FORM, "O O O O O O"),
    row("GET",  "/matching/{id}/run",         &["@round"], NO_FORM, "O O O O O O"),
    row("GET",  "/matching/{id}/constraints", &["@round"], NO_FORM, "O O O O O O"),
    row("GET",  "/matching/{id}/publish",     &["@round"], NO_FORM, "O O O O O O"),
    row("GET",  "/matching/{id}/proposals/{proposal}/answer", &["@round", "no-such-proposal"], NO_FORM, "O O O O O O"),
    row("GET",  "/matching/{id}/pairs/{proposal}/check-ins", &["@round", "no-such-pair"], NO_FORM, "O O O O O O"),
    row("GET",  "/matching/{id}/pairs/{proposal}/end", &["@round", "no-such-pair"], NO_FORM, "O O O O O O"),
    row("GET",  "/matching/{id}/pairs/{proposal}/feedback", &["@round", "no-such-pair"], NO_FORM, "O O O O O O"),
    row("GET",  "/resources/{id}/confirm",    &["@res_members"], NO_FORM, "O O O O O O"),
    row("GET",  "/resources/{id}/attachments", &["@res_members"], NO_FORM, "O O O O O O"),
    row("GET",  "/admin/users/{id}/disable",  &["@member"], NO_FORM, "O O O O O O"),
    row("GET",  "/admin/users/{id}/enable",   &["@member"], NO_FORM, "O O O O O O"),
    row("GET",  "/admin/users/{id}/role",     &["@member"], NO_FORM, "O O O O O O"),
    row("GET",  "/vault/cases/{id}/team",     &["@case"], NO_FORM, "O O O O O O"),
    row("GET",  "/vault/cases/{id}/leave",    &["@case"], NO_FORM, "O O O O O O"),
    row("GET",  "/vault/cases/{id}/team/{user_id}/remove", &["@case", "@member"], NO_FORM, "O O O O O O"),
    row("GET",  "/vault/cases/{id}/break-glass", &["@case"], NO_FORM, "O O O O O O"),
    row("GET",  "/vault/cases/{id}/verify",   &["@case"], NO_FORM, "O O O O O O"),
    row("GET",  "/vault/cases/{id}/files",    &["@case"], NO_FORM, "O O O O O O"),
    row("GET",  "/vault/cases/{id}/items/{item}/consent", &["@case", "@item"], NO_FORM, "O O O O O O"),
    row("GET",  "/vault/cases/{id}/items/{item}/share", &["@case", "@item"], NO_FORM, "O O O O O O"),
    row("GET",  "/signout",                   NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/signout/everywhere",        NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/invite/{token}/join",       &["@token"], NO_FORM, "O O O O O O"),
    row("GET",  "/account/password",          NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/account/totp/disable",      NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/orgs/{slug}/invites/link",  &["astra"], NO_FORM, "O O O O O O"),
    row("GET",  "/orgs/{slug}/people/{user_id}/role", &["astra", "@member"], NO_FORM, "O O O O O O"),
    row("GET",  "/orgs/{slug}/people/{user_id}/remove", &["astra", "@member"], NO_FORM, "O O O O O O"),
    // JSON API (read-only; contact details are filtered, not refused).
    row("GET",  "/api/v1/openapi.json",       NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/api/v1/orgs",               NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/api/v1/orgs/{slug}",        &["astra"], NO_FORM, "O O O O O O"),
    row("GET",  "/api/v1/orgs/{slug}",        &["no-such-org"], NO_FORM, "N N N N N N"),
    row("GET",  "/api/v1/networks",           NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/api/v1/networks/{slug}",    &["bridge"], NO_FORM, "O O O O O O"),
    row("GET",  "/api/v1/vocabularies",       NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/api/v1/matching/rounds",    NONE, NO_FORM, "S O O O O O"),
    row("GET",  "/api/v1/matching/rounds/{id}", &["@round"], NO_FORM, "S O O O O O"),
    row("GET",  "/api/v1/matching/rounds/{id}", &["no-such-round"], NO_FORM, "S N N N N N"),
    row("GET",  "/api/v1/vault/cases",        NONE, NO_FORM, "S O O O O O"),
    row("GET",  "/api/v1/vault/cases/{id}",   &["@case"], NO_FORM, "S O O N N N"),
    row("GET",  "/api/v1/vault/cases/{id}/custody", &["@case"], NO_FORM, "S O O N N N"),
    row("GET",  "/api/v1/resources",          NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/api/v1/resources/{id}",     &["@res_public"], NO_FORM, "O O O O O O"),
    row("GET",  "/api/v1/resources/{id}",     &["@res_members"], NO_FORM, "N O O O O O"),
    row("GET",  "/api/v1/resources/{id}",     &["@res_bridge"], NO_FORM, "N N N N O O"),
    row("GET",  "/api/v1/resources/{id}/versions", &["@res_members"], NO_FORM, "N O O O O O"),
    // Events (lane events): objects that do not exist; real events are checked in e2e/events.rs.
    row("GET",  "/events",                    NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/events/new",                NONE, NO_FORM, "S F O O O O"),
    row("POST", "/events/new",                NONE, NO_FORM, "S V V V V V"),
    row("GET",  "/events/{id}",               &["no-such-event"], NO_FORM, "N N N N N N"),
    row("GET",  "/events/{id}/edit",          &["no-such-event"], NO_FORM, "N N N N N N"),
    row("POST", "/events/{id}/edit",          &["no-such-event"], NO_FORM, "S N N N N N"),
    row("POST", "/events/{id}/cancel",        &["no-such-event"], NO_FORM, "S N N N N N"),
    row("POST", "/events/{id}/occurrences/cancel", &["no-such-event"], &[("occurrence", "2030-01-01T10:00")], "S N N N N N"),
    row("POST", "/events/{id}/report",        &["no-such-event"], &[("report", "x")], "S N N N N N"),
    row("POST", "/events/{id}/register",      &["no-such-event"], NO_FORM, "S N N N N N"),
    row("POST", "/events/{id}/unregister",    &["no-such-event"], NO_FORM, "S N N N N N"),
    row("GET",  "/events/{id}/participants",  &["no-such-event"], NO_FORM, "S N N N N N"),
    row("GET",  "/events/{id}/participants/export.csv", &["no-such-event"], NO_FORM, "S N N N N N"),
    row("GET",  "/events/{id}/participants/export.xlsx", &["no-such-event"], NO_FORM, "S N N N N N"),
    row("POST", "/events/{id}/participants/{reg}/approve", &["no-such-event", "no-such-reg"], NO_FORM, "S N N N N N"),
    row("POST", "/events/{id}/participants/{reg}/attendance", &["no-such-event", "no-such-reg"], &[("attended", "yes")], "S N N N N N"),
    row("GET",  "/events/{id}/calendar.ics",  &["no-such-event"], NO_FORM, "N N N N N N"),
    row("GET",  "/calendar/events.ics",       NONE, NO_FORM, "O O O O O O"),
    row("GET",  "/calendar/orgs/{slug}/events.ics", &["astra"], NO_FORM, "O O O O O O"),
    row("GET",  "/calendar/orgs/{slug}/events.ics", &["no-such-org"], NO_FORM, "N N N N N N"),
    row("GET",  "/calendar/networks/{slug}/events.ics", &["bridge"], NO_FORM, "O O O O O O"),
    row("GET",  "/calendar/groups/{id}/events.ics", &["no-such-group"], NO_FORM, "O O O O O O"),
    row("GET",  "/calendar/private/{token}/events.ics", &["@token"], NO_FORM, "N N N N N N"),
    row("GET",  "/account/calendar",          NONE, NO_FORM, "S O O O O O"),
    row("POST", "/account/calendar",          NONE, NO_FORM, "S O O O O O"),
    row("POST", "/account/calendar/revoke",   NONE, NO_FORM, "S O O O O O"),
    row("GET",  "/events/{id}/cancel",        &["no-such-event"], NO_FORM, "O O O O O O"),
    row("GET",  "/events/{id}/occurrences/cancel", &["no-such-event"], NO_FORM, "O O O O O O"),
    row("GET",  "/events/{id}/report",        &["no-such-event"], NO_FORM, "O O O O O O"),
    row("GET",  "/events/{id}/register",      &["no-such-event"], NO_FORM, "O O O O O O"),
    row("GET",  "/events/{id}/unregister",    &["no-such-event"], NO_FORM, "O O O O O O"),
    row("GET",  "/events/{id}/participants/{reg}/approve", &["no-such-event", "no-such-reg"], NO_FORM, "O O O O O O"),
    row("GET",  "/events/{id}/participants/{reg}/attendance", &["no-such-event", "no-such-reg"], NO_FORM, "O O O O O O"),
    row("GET",  "/account/calendar/revoke",   NONE, NO_FORM, "O O O O O O"),
];
