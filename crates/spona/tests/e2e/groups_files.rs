//! Files on posts: uploaded with a new thread or a reply (multipart, no script), listed
//! under the post, downloadable by the group's members only, and not served once the
//! thread is hidden; a refused file saves nothing of the post.

use crate::groups::group_with_member;
use crate::harness::*;

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The thread's `post_count` as stored.
async fn post_count(app: &TestApp, thread: &str) -> i64 {
    spona_store::groups::thread(&app.db, thread, "nobody")
        .await
        .expect("thread")
        .post_count
}

/// The first file link under the thread's posts.
fn file_href(body: &str) -> String {
    let start = body.find("/posts/").expect("a file link");
    let rest = &body[start..];
    let end = rest.find('"').expect("end of link");
    let href = &rest[..end];
    assert!(href.contains("/files/"), "{href}");
    href.to_owned()
}

#[tokio::test]
async fn files_go_with_posts_to_members_only_and_not_from_hidden_threads() {
    let app = TestApp::start().await;
    let (coord, member, group, _) = group_with_member(&app, "open").await;
    let once = spona_store::new_token();
    let r = member
        .upload_with(
            &format!("/en/groups/{group}/threads"),
            &[
                ("once", once.as_str()),
                ("title", "Budget draft"),
                ("body", "The draft is attached."),
            ],
            "files",
            "nacrt budžeta.pdf",
            "application/pdf",
            PDF,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let thread = r.location().rsplit('/').next().expect("id").to_owned();

    let page = coord.get(&format!("/en/discussions/{thread}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("nacrt budžeta.pdf"), "{}", page.body);
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    let href = file_href(&page.body);
    let path = href.trim_start_matches("/en");
    let (status, bytes, headers) = coord.bytes(&format!("/en{path}")).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PDF);
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()
            .expect("ascii")
            .contains("filename*=UTF-8''nacrt%20bud%C5%BEeta.pdf")
    );

    // Someone signed in but outside the group gets nothing; nobody signed in is sent to sign in.
    let outsider = app.signed_in_in_process(ZMINA_ADMIN).await;
    assert_eq!(outsider.bytes(&format!("/en{path}")).await.0, 403);
    let anonymous = app.client_in_process();
    let (status, _, _) = anonymous.bytes(&format!("/en{path}")).await;
    assert!(status == 303 || status == 401, "{status}");

    // A reply with a file of a refused kind: a clear 4xx, and nothing of the reply is saved.
    let before = post_count(&app, &thread).await;
    let once = spona_store::new_token();
    let r = member
        .upload_with(
            &format!("/en/discussions/{thread}/replies"),
            &[("once", once.as_str()), ("body", "Here is the tool")],
            "files",
            "tool.exe",
            "application/octet-stream",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00",
        )
        .await;
    assert_eq!(r.status, 415, "{}", r.body);
    assert_eq!(
        post_count(&app, &thread).await,
        before,
        "a half-saved reply"
    );

    // A reply with a file and one without (URL-encoded, as before) both work.
    let once = spona_store::new_token();
    let r = coord
        .upload_with(
            &format!("/en/discussions/{thread}/replies"),
            &[("once", once.as_str()), ("body", "Seen, thanks")],
            "files",
            "scan.png",
            "image/png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        crate::groups::reply(&member, &thread, "No file here")
            .await
            .status,
        303
    );
    let page = member.get(&format!("/en/discussions/{thread}")).await;
    assert!(page.body.contains("scan.png"));

    // Hidden: the files are neither listed nor served.
    let r = coord
        .post(
            &format!("/en/discussions/{thread}/hide"),
            &[("reason", "Off topic")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = coord.get(&format!("/en/discussions/{thread}")).await;
    assert!(!page.body.contains("nacrt budžeta.pdf"));
    assert_eq!(coord.bytes(&format!("/en{path}")).await.0, 404);
}

#[tokio::test]
async fn a_thread_without_a_title_keeps_no_file_record() {
    let app = TestApp::start().await;
    let (_, member, group, thread) = group_with_member(&app, "open").await;
    let once = spona_store::new_token();
    let r = member
        .upload_with(
            &format!("/en/groups/{group}/threads"),
            &[("once", once.as_str()), ("title", ""), ("body", "Body")],
            "files",
            "a.pdf",
            "application/pdf",
            PDF,
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let threads = spona_store::groups::threads(&app.db, &group, "nobody")
        .await
        .expect("threads");
    assert_eq!(threads.len(), 1, "only the first thread: {thread}");
}

/// The authorisation matrix's file (`@post_file`): a PDF on the matrix group's opening post.
pub(crate) async fn fixture(app: &TestApp) -> String {
    let (_, thread, post) = crate::groups::fixture(app).await;
    let page = spona_store::groups::files_of_posts(&app.db, &thread, 1, 1)
        .await
        .expect("files");
    if let Some(f) = page.first() {
        return f.id.clone();
    }
    let stored = app
        .state()
        .attachments
        .put("agenda.pdf", PDF)
        .await
        .expect("stored");
    let f = spona_store::groups::PostFile {
        id: spona_store::new_id(),
        post_id: post,
        thread_id: thread,
        filename: "agenda.pdf".into(),
        media_type: stored.media_type.into(),
        size: stored.size as i64,
        sha256: stored.sha256,
        active_content: String::new(),
        created_at: spona_store::now(),
    };
    let mut tx = app.db.begin().await.expect("tx");
    let charge = spona_store::quota::Charge {
        bytes: f.size,
        scopes: Vec::new(),
        object_id: None,
    };
    spona_store::groups::add_file_in(&mut tx, &f, &charge)
        .await
        .expect("file");
    tx.commit().await.expect("commit");
    f.id
}
