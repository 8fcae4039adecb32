//! Streamed answers survive compression: a client that accepts gzip (every browser, and
//! Schemathesis's `requests`) gets the whole data package and the whole CSV tables, byte for
//! byte what an uncompressed download gives. The compression layer polls a streamed body
//! once more after its end; a stream that panics when polled again cut the download short
//! ("invalid chunk") — issue 19, found by the API fuzzing.

use std::io::Read;

use crate::harness::*;

/// `path` over a real socket with `Accept-Encoding: gzip`, decompressed.
async fn gunzipped(app: &TestApp, path: &str) -> Vec<u8> {
    let client = http().build().expect("client");
    let resp = client
        .get(format!("{}{path}", app.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), 200, "{path}");
    assert_eq!(
        resp.headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap_or("")),
        Some("gzip"),
        "{path} was not compressed"
    );
    let body = resp
        .bytes()
        .await
        .unwrap_or_else(|e| panic!("{path}: the compressed download broke off: {e}"));
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("{path}: not a whole gzip stream: {e}"));
    out
}

#[tokio::test]
async fn streamed_exports_arrive_whole_when_compressed() {
    let app = TestApp::start().await;
    let plain = app.client();
    for path in [
        "/api/hsds/datapackage.zip",
        "/api/hsds/data/services.csv",
        "/api/hsds/data/organizations.csv",
    ] {
        let (status, expected, _) = plain.bytes(path).await;
        assert_eq!(status, 200, "{path}");
        let got = gunzipped(&app, path).await;
        assert_eq!(
            got, expected,
            "{path}: compressed and plain downloads differ"
        );
    }
}
