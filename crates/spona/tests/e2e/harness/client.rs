//! A browser-like HTTP client for the test server, and what it gets back.

/// The path (with locale) of the first `http://` link in a message.
pub fn link_path(mail: &str) -> String {
    let start = mail.find("http://").expect("a link");
    let end = mail[start..]
        .find(char::is_whitespace)
        .map(|e| start + e)
        .unwrap_or(mail.len());
    let url = &mail[start..end];
    let path_start = url[7..].find('/').expect("path") + 7;
    url[path_start..].to_owned()
}

/// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
/// It speaks HTTP over the loopback socket ([`Client::new`]), or calls the router in the
/// test's own process ([`Client::in_process`]) where a test needs no socket: the same
/// pages, cookies and answers, without a connection per request.
#[derive(Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    in_process: Option<super::inproc::InProcess>,
}

pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("json body")
    }

    /// The value of the first hidden input named `name`.
    pub fn hidden(&self, name: &str) -> String {
        let needle = format!("name=\"{name}\" value=\"");
        let start = self
            .body
            .find(&needle)
            .unwrap_or_else(|| panic!("no input {name}"))
            + needle.len();
        let end = self.body[start..].find('"').expect("quote") + start;
        self.body[start..end].to_owned()
    }
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            base: base.to_owned(),
            http: crate::harness::http()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            in_process: None,
        }
    }

    /// A client that sends its requests straight to `app` (see [`super::inproc`]).
    pub fn in_process(base: &str, app: spona_web::App) -> Client {
        Client {
            in_process: Some(super::inproc::InProcess::new(app)),
            ..Client::new(base)
        }
    }

    async fn reply(r: reqwest::Response) -> Reply {
        Reply {
            status: r.status().as_u16(),
            headers: r.headers().clone(),
            body: r.text().await.expect("body"),
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        if let Some(app) = &self.in_process {
            return app.send("GET", path, &[], Vec::new()).await;
        }
        Self::reply(
            self.http
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .expect("get"),
        )
        .await
    }

    /// Posts a form (with the CSRF token) and one extra header.
    pub async fn post_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        header: (&str, &str),
    ) -> Reply {
        let csrf = self.csrf().await;
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&all)
            .finish();
        if let Some(app) = &self.in_process {
            let headers = [
                ("content-type", "application/x-www-form-urlencoded"),
                header,
            ];
            return app.send("POST", path, &headers, body.into_bytes()).await;
        }
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header(header.0, header.1)
            .body(body)
            .send()
            .await
            .expect("post");
        Self::reply(r).await
    }

    /// Uploads a file as a browser's multipart form would (the CSRF token its first field).
    pub async fn upload(
        &self,
        path: &str,
        field: &str,
        filename: &str,
        content_type: &str,
        data: &[u8],
    ) -> Reply {
        self.upload_with(path, &[], field, filename, content_type, data)
            .await
    }

    /// Uploads a file after some text fields, in that order, as a browser sends a form.
    pub async fn upload_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        field: &str,
        filename: &str,
        content_type: &str,
        data: &[u8],
    ) -> Reply {
        let csrf = self.csrf().await;
        let boundary = "spona-test-boundary-7d9f";
        let mut body = Vec::new();
        // The token first, as the page's form sends it (never in the URL).
        let csrf_field = [("csrf", csrf.as_str())];
        for (name, value) in csrf_field.iter().chain(fields) {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n\
                 Content-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        if let Some(app) = &self.in_process {
            let kind = format!("multipart/form-data; boundary={boundary}");
            return app
                .send("POST", path, &[("content-type", &kind)], body)
                .await;
        }
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body)
            .send()
            .await
            .expect("upload");
        Self::reply(r).await
    }

    /// Posts an already encoded form body; returns the raw answer.
    pub async fn post_bytes(
        &self,
        path: &str,
        body: String,
    ) -> (u16, Vec<u8>, reqwest::header::HeaderMap) {
        if let Some(app) = &self.in_process {
            let headers = [("content-type", "application/x-www-form-urlencoded")];
            let (status, headers, body) = app
                .send_raw("POST", path, &headers, body.into_bytes())
                .await;
            return (status, body, headers);
        }
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("post");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        (status, r.bytes().await.expect("bytes").to_vec(), headers)
    }

    /// The status and, if the body arrived whole, its bytes.
    /// A connection broken before the answer's head arrived gives status 0.
    pub async fn bytes_or_error(&self, path: &str) -> (u16, Result<Vec<u8>, String>) {
        if self.in_process.is_some() {
            let (status, body, _) = self.bytes(path).await;
            return (status, Ok(body));
        }
        let r = match self.http.get(format!("{}{path}", self.base)).send().await {
            Ok(r) => r,
            Err(e) => return (0, Err(e.to_string())),
        };
        let status = r.status().as_u16();
        (
            status,
            r.bytes()
                .await
                .map(|b| b.to_vec())
                .map_err(|e| e.to_string()),
        )
    }

    /// The raw bytes of a response.
    pub async fn bytes(&self, path: &str) -> (u16, Vec<u8>, reqwest::header::HeaderMap) {
        if let Some(app) = &self.in_process {
            let (status, headers, body) = app.send_raw("GET", path, &[], Vec::new()).await;
            return (status, body, headers);
        }
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("get");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        (status, r.bytes().await.expect("bytes").to_vec(), headers)
    }

    pub async fn get_with(&self, path: &str, header: (&str, &str)) -> Reply {
        if let Some(app) = &self.in_process {
            return app.send("GET", path, &[header], Vec::new()).await;
        }
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .header(header.0, header.1)
            .send()
            .await
            .expect("get");
        Self::reply(r).await
    }

    /// Posts a form as a browser would, with the CSRF token taken from a page.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        if let Some(app) = &self.in_process {
            let headers = [("content-type", "application/x-www-form-urlencoded")];
            return app.send("POST", path, &headers, body.into_bytes()).await;
        }
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("post");
        Self::reply(r).await
    }

    /// Posts a JSON body (the JSON API's changes) with `csrf` in the `X-CSRF-Token` header
    /// (none when `None`).
    pub async fn post_json(
        &self,
        path: &str,
        body: &serde_json::Value,
        csrf: Option<&str>,
    ) -> Reply {
        let bytes = body.to_string().into_bytes();
        let mut headers = vec![("content-type", "application/json")];
        if let Some(t) = csrf {
            headers.push(("x-csrf-token", t));
        }
        if let Some(app) = &self.in_process {
            return app.send("POST", path, &headers, bytes).await;
        }
        let mut req = self.http.post(format!("{}{path}", self.base));
        for (k, v) in &headers {
            req = req.header(*k, *v);
        }
        Self::reply(req.body(bytes).send().await.expect("post")).await
    }

    /// The CSRF token of this client's cookie, read from a page's form.
    pub async fn csrf(&self) -> String {
        self.get("/en/signin").await.hidden("csrf")
    }

    /// Posts a form as a browser would: with the CSRF token, and with a fresh one-time key
    /// (`once`) as create forms carry, unless the test gives its own.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let csrf = self.csrf().await;
        let once = spona_store::new_token();
        let mut all = vec![("csrf", csrf.as_str())];
        if !fields.iter().any(|(k, _)| *k == "once") {
            all.push(("once", once.as_str()));
        }
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    pub async fn signin(&self, email: &str, password: &str) -> Reply {
        self.post(
            "/en/signin",
            &[("email", email), ("password", password), ("next", "/")],
        )
        .await
    }
}
