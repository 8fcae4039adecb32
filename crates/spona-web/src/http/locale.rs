//! Which locale a request is read in: a URL prefix (`/sr-Cyrl/orgs`) wins, then the
//! `spona_lang` cookie a switcher set, then `Accept-Language`, then English.

use axum::extract::Request;
use axum::http::Uri;
use spona_domain::Locale;

/// The locale named by the URL prefix, if the request had one.
#[derive(Debug, Clone, Copy)]
pub struct UrlLocale(pub Locale);

/// Removes a leading locale segment from the path before routing and remembers it.
pub fn strip_prefix(mut req: Request) -> Request {
    let path = req.uri().path();
    let mut parts = path.splitn(3, '/');
    let _ = parts.next();
    let Some(first) = parts.next() else {
        return req;
    };
    let Some(locale) = Locale::from_tag(first) else {
        return req;
    };
    let rest = parts.next().unwrap_or("");
    let new_path = format!("/{rest}");
    let pq = match req.uri().query() {
        Some(q) => format!("{new_path}?{q}"),
        None => new_path,
    };
    let mut builder = Uri::builder();
    if let Some(s) = req.uri().scheme() {
        builder = builder.scheme(s.clone());
    }
    if let Some(a) = req.uri().authority() {
        builder = builder.authority(a.clone());
    }
    if let Ok(uri) = builder.path_and_query(pq).build() {
        *req.uri_mut() = uri;
        req.extensions_mut().insert(UrlLocale(locale));
    }
    req
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(uri: &str) -> (String, Option<Locale>) {
        let req = Request::builder()
            .uri(uri)
            .body(axum::body::Body::empty())
            .expect("request");
        let out = strip_prefix(req);
        (
            out.uri().to_string(),
            out.extensions().get::<UrlLocale>().map(|l| l.0),
        )
    }

    #[test]
    fn strips_known_prefixes_only() {
        assert_eq!(
            run("/sr-Cyrl/orgs?q=x"),
            ("/orgs?q=x".into(), Some(Locale::SrCyrl))
        );
        assert_eq!(run("/uk"), ("/".into(), Some(Locale::Uk)));
        assert_eq!(run("/en/"), ("/".into(), Some(Locale::En)));
        assert_eq!(run("/orgs/uk"), ("/orgs/uk".into(), None));
        assert_eq!(run("/"), ("/".into(), None));
    }
}
