//! A group's theme (the shared THEMES vocabulary): chosen on the new group's form (none
//! pre-selected), and the list filtered by theme as well as by network.

use crate::harness::*;

#[tokio::test]
async fn the_list_filters_by_theme_as_well_as_network() {
    let app = TestApp::start().await;
    let c = app.signed_in_in_process(ASTRA_ADMIN).await;
    let form = c.get("/en/groups/new").await;
    assert!(form.body.contains("<option value=\"\">No theme</option>"));
    assert!(
        !form.body.contains(" selected>Peacebuilding"),
        "a theme pre-selected"
    );
    for (name, theme) in [
        ("Peace dialogue", "peacebuilding"),
        ("Film club", "culture"),
    ] {
        let r = c
            .post(
                "/en/groups/new",
                &[
                    ("name", name),
                    ("lang", "en"),
                    ("network", ""),
                    ("join_policy", "open"),
                    ("theme", theme),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let r = c
        .post(
            "/en/groups/new",
            &[
                ("name", "Bad"),
                ("lang", "en"),
                ("join_policy", "open"),
                ("theme", "cooking"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Choose a theme from the list"));

    let list = c.get("/en/groups?network=&theme=peacebuilding").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("Peace dialogue"));
    assert!(!list.body.contains("Film club"));
    let all = c.get("/en/groups").await;
    assert!(all.body.contains("Peace dialogue") && all.body.contains("Film club"));
    assert_eq!(c.get("/en/groups?theme=cooking").await.status, 400);
}
