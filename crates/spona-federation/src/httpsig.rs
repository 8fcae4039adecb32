//! The parts of RFC 9421 (HTTP Message Signatures) and RFC 9530 (`Content-Digest`) that the
//! inbox uses, and no more: one signature (`ed25519`) covering `@method`, `@authority`,
//! `@path`, `content-digest` and `content-type`, with `created`, `keyid` and `alg`
//! parameters; a `sha-256` content digest. A request covering less, or anything this code
//! does not know how to reconstruct, is refused rather than half-checked.
//!
//! No well-kept Rust crate covered this with Ed25519 and the vault's key type at the time;
//! the implementation is checked against the Python `http-message-signatures` package in
//! both directions (`tests/federation/`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use sha2::{Digest, Sha256};
use spona_vault::{ServerKey, ServerPublicKey};

/// The label Spona signs under.
pub const LABEL: &str = "sig1";
/// What every accepted signature must cover.
pub const REQUIRED: [&str; 5] = [
    "@method",
    "@authority",
    "@path",
    "content-digest",
    "content-type",
];
/// How far a signature's `created` may be from the receiver's clock, in seconds.
pub const MAX_SKEW: i64 = 300;

/// The headers a signed request carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    pub content_digest: String,
    pub signature_input: String,
    pub signature: String,
}

/// What the verifier needs of a request.
#[derive(Debug, Clone, Default)]
pub struct RequestParts<'a> {
    pub method: &'a str,
    /// The authority the sender addressed (host, and port unless the scheme's default).
    pub authority: &'a str,
    pub path: &'a str,
    pub content_type: Option<&'a str>,
    pub content_digest: Option<&'a str>,
    pub signature_input: Option<&'a str>,
    pub signature: Option<&'a str>,
}

/// Why a request's signature was refused; the text is what the log says.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the request has no {0} header")]
    Missing(&'static str),
    #[error("malformed signature headers: {0}")]
    Malformed(String),
    #[error("the Content-Digest does not match the body")]
    DigestMismatch,
    #[error("the signature was made at {created}, more than {MAX_SKEW} s from now ({now})")]
    Stale { created: i64, now: i64 },
    #[error("the signature does not cover {0}")]
    NotCovered(&'static str),
    #[error("unsupported signature algorithm {0}")]
    Algorithm(String),
    #[error("no known deployment has the key {0}")]
    UnknownKey(String),
    #[error("the signature does not hold")]
    BadSignature,
}

/// `sha-256=:<base64>:` of `body` (RFC 9530).
pub fn content_digest(body: &[u8]) -> String {
    format!("sha-256=:{}:", B64.encode(Sha256::digest(body)))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Param {
    Int(i64),
    Str(String),
}

fn sf_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn params_value(components: &[String], params: &[(String, Param)]) -> String {
    let mut out = String::from("(");
    out.push_str(
        &components
            .iter()
            .map(|c| sf_string(c))
            .collect::<Vec<_>>()
            .join(" "),
    );
    out.push(')');
    for (k, v) in params {
        out.push(';');
        out.push_str(k);
        out.push('=');
        match v {
            Param::Int(n) => out.push_str(&n.to_string()),
            Param::Str(s) => out.push_str(&sf_string(s)),
        }
    }
    out
}

fn base(values: &[(String, String)], params_value: &str) -> String {
    let mut out = String::new();
    for (name, value) in values {
        out.push_str(&sf_string(name));
        out.push_str(": ");
        out.push_str(value);
        out.push('\n');
    }
    out.push_str("\"@signature-params\": ");
    out.push_str(params_value);
    out
}

/// Signs a request: its `Content-Digest`, `Signature-Input` and `Signature` headers.
/// `key_id` is the signing key's hex.
pub fn sign(
    key: &ServerKey,
    method: &str,
    authority: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
    created: i64,
) -> SignedHeaders {
    let digest = content_digest(body);
    let components: Vec<String> = REQUIRED.iter().map(|c| c.to_string()).collect();
    let values = vec![
        ("@method".to_string(), method.to_ascii_uppercase()),
        ("@authority".to_string(), authority.to_ascii_lowercase()),
        ("@path".to_string(), path.to_string()),
        ("content-digest".to_string(), digest.clone()),
        ("content-type".to_string(), content_type.trim().to_string()),
    ];
    let params = vec![
        ("created".to_string(), Param::Int(created)),
        ("keyid".to_string(), Param::Str(key.public().to_hex())),
        ("alg".to_string(), Param::Str("ed25519".into())),
    ];
    let pv = params_value(&components, &params);
    let signature = key.sign(base(&values, &pv).as_bytes());
    SignedHeaders {
        content_digest: digest,
        signature_input: format!("{LABEL}={pv}"),
        signature: format!("{LABEL}=:{}:", B64.encode(signature)),
    }
}

/// Checks a request's digest and signature; the key id of the deployment that signed it.
/// `resolve` gives the public key of a known deployment by key id.
pub fn verify(
    req: &RequestParts<'_>,
    body: &[u8],
    now: i64,
    resolve: impl FnOnce(&str) -> Option<ServerPublicKey>,
) -> Result<String, Refusal> {
    let input = req
        .signature_input
        .ok_or(Refusal::Missing("Signature-Input"))?;
    let sig_header = req.signature.ok_or(Refusal::Missing("Signature"))?;
    let digest_header = req
        .content_digest
        .ok_or(Refusal::Missing("Content-Digest"))?;
    check_digest(digest_header, body)?;

    let (label, components, params) = parse_input(input)?;
    for required in REQUIRED {
        if !components.iter().any(|c| c == required) {
            return Err(Refusal::NotCovered(required));
        }
    }
    let signature = parse_signature(sig_header, &label)?;
    let mut created = None;
    let mut key_id = None;
    for (k, v) in &params {
        match (k.as_str(), v) {
            ("created", Param::Int(n)) => created = Some(*n),
            ("expires", Param::Int(n)) if *n < now => {
                return Err(Refusal::Stale { created: *n, now });
            }
            ("expires", Param::Int(_)) => {}
            ("keyid", Param::Str(s)) => key_id = Some(s.clone()),
            ("alg", Param::Str(s)) if s != "ed25519" => {
                return Err(Refusal::Algorithm(s.clone()));
            }
            ("alg", Param::Str(_)) => {}
            ("created" | "expires" | "keyid" | "alg", _) => {
                return Err(Refusal::Malformed(format!(
                    "parameter {k} has the wrong type"
                )));
            }
            _ => {}
        }
    }
    let created = created.ok_or(Refusal::NotCovered("created"))?;
    if (now - created).abs() > MAX_SKEW {
        return Err(Refusal::Stale { created, now });
    }
    let key_id = key_id.ok_or(Refusal::NotCovered("keyid"))?;
    let key = resolve(&key_id).ok_or_else(|| Refusal::UnknownKey(key_id.clone()))?;

    let mut values = Vec::new();
    for c in &components {
        let value = match c.as_str() {
            "@method" => req.method.to_ascii_uppercase(),
            "@authority" => req.authority.to_ascii_lowercase(),
            "@path" => req.path.to_string(),
            "content-digest" => digest_header.trim().to_string(),
            "content-type" => req
                .content_type
                .ok_or(Refusal::Missing("Content-Type"))?
                .trim()
                .to_string(),
            other => return Err(Refusal::Malformed(format!("unsupported component {other}"))),
        };
        values.push((c.clone(), value));
    }
    let pv = params_value(&components, &params);
    if !key.verify(base(&values, &pv).as_bytes(), &hex::encode(signature)) {
        return Err(Refusal::BadSignature);
    }
    Ok(key_id)
}

fn check_digest(header: &str, body: &[u8]) -> Result<(), Refusal> {
    let mut found = false;
    for member in header.split(',') {
        let Some((alg, value)) = member.trim().split_once('=') else {
            return Err(Refusal::Malformed("Content-Digest".into()));
        };
        if alg.trim() != "sha-256" {
            continue;
        }
        found = true;
        let b64 = value
            .trim()
            .strip_prefix(':')
            .and_then(|v| v.strip_suffix(':'))
            .ok_or_else(|| Refusal::Malformed("Content-Digest".into()))?;
        let claimed = B64
            .decode(b64)
            .map_err(|_| Refusal::Malformed("Content-Digest".into()))?;
        if claimed.as_slice() != &Sha256::digest(body)[..] {
            return Err(Refusal::DigestMismatch);
        }
    }
    if !found {
        return Err(Refusal::Malformed("Content-Digest has no sha-256".into()));
    }
    Ok(())
}

type Parsed = (String, Vec<String>, Vec<(String, Param)>);

/// `label=("a" "b");k=1;k2="v"` (the first member when there are several).
fn parse_input(text: &str) -> Result<Parsed, Refusal> {
    let bad = |why: &str| Refusal::Malformed(format!("Signature-Input: {why}"));
    let (label, rest) = text.trim().split_once('=').ok_or_else(|| bad("no label"))?;
    let label = label.trim().to_string();
    if label.is_empty()
        || !label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.*".contains(c))
    {
        return Err(bad("label"));
    }
    let mut chars = rest.trim_start().chars().peekable();
    if chars.next() != Some('(') {
        return Err(bad("expected an inner list"));
    }
    let mut components = Vec::new();
    loop {
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        match chars.next() {
            Some(')') => break,
            Some('"') => {
                let s = read_string(&mut chars).ok_or_else(|| bad("string"))?;
                if chars.peek() == Some(&';') {
                    return Err(bad("component parameters are not supported"));
                }
                if components.contains(&s) {
                    return Err(bad("a component appears twice"));
                }
                components.push(s);
            }
            _ => return Err(bad("expected a component name")),
        }
    }
    let mut params = Vec::new();
    while chars.peek() == Some(&';') {
        chars.next();
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' {
                break;
            }
            key.push(c);
            chars.next();
        }
        if chars.next() != Some('=') || key.is_empty() {
            return Err(bad("parameter"));
        }
        let value = if chars.peek() == Some(&'"') {
            chars.next();
            Param::Str(read_string(&mut chars).ok_or_else(|| bad("string"))?)
        } else {
            let mut n = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_digit() || c == '-' {
                    n.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            Param::Int(n.parse().map_err(|_| bad("integer"))?)
        };
        if params.iter().any(|(k, _)| k == &key) {
            return Err(bad("a parameter appears twice"));
        }
        params.push((key, value));
    }
    let tail: String = chars.collect();
    if !(tail.trim().is_empty() || tail.trim_start().starts_with(',')) {
        return Err(bad("trailing text"));
    }
    Ok((label, components, params))
}

fn read_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    let mut s = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(s),
            '\\' => s.push(chars.next()?),
            c if (' '..='~').contains(&c) => s.push(c),
            _ => return None,
        }
    }
}

/// The bytes of `label=:<base64>:` in a `Signature` dictionary.
fn parse_signature(text: &str, label: &str) -> Result<Vec<u8>, Refusal> {
    for member in text.split(',') {
        let Some((l, v)) = member.trim().split_once('=') else {
            continue;
        };
        if l.trim() != label {
            continue;
        }
        let b64 = v
            .trim()
            .strip_prefix(':')
            .and_then(|v| v.strip_suffix(':'))
            .ok_or_else(|| Refusal::Malformed("Signature".into()))?;
        return B64
            .decode(b64)
            .map_err(|_| Refusal::Malformed("Signature".into()));
    }
    Err(Refusal::Malformed(format!("no signature labelled {label}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = b"{\"hello\":\"world\"}";

    fn signed(key: &ServerKey, created: i64) -> SignedHeaders {
        sign(
            key,
            "POST",
            "b.example:8443",
            "/federation/inbox",
            "application/json",
            BODY,
            created,
        )
    }

    fn parts<'a>(h: &'a SignedHeaders) -> RequestParts<'a> {
        RequestParts {
            method: "POST",
            authority: "b.example:8443",
            path: "/federation/inbox",
            content_type: Some("application/json"),
            content_digest: Some(&h.content_digest),
            signature_input: Some(&h.signature_input),
            signature: Some(&h.signature),
        }
    }

    #[test]
    fn a_signed_request_verifies() {
        let key = ServerKey::generate();
        let h = signed(&key, 1000);
        assert!(
            h.signature_input
                .starts_with("sig1=(\"@method\" \"@authority\"")
        );
        let id = verify(&parts(&h), BODY, 1100, |k| {
            (k == key.public().to_hex()).then(|| key.public())
        })
        .expect("verify");
        assert_eq!(id, key.public().to_hex());
    }

    #[test]
    fn each_tampering_is_refused_with_its_reason() {
        let key = ServerKey::generate();
        let h = signed(&key, 1000);
        let known = |_: &str| Some(key.public());
        assert_eq!(
            verify(&parts(&h), b"{\"hello\":\"there\"}", 1000, known),
            Err(Refusal::DigestMismatch)
        );
        assert!(matches!(
            verify(&parts(&h), BODY, 1000 + MAX_SKEW + 1, known),
            Err(Refusal::Stale { .. })
        ));
        assert!(matches!(
            verify(&parts(&h), BODY, 1000, |_| None),
            Err(Refusal::UnknownKey(_))
        ));
        let other = ServerKey::generate();
        assert_eq!(
            verify(&parts(&h), BODY, 1000, |_| Some(other.public())),
            Err(Refusal::BadSignature)
        );
        let mut p = parts(&h);
        p.path = "/federation/inbox2";
        assert_eq!(verify(&p, BODY, 1000, known), Err(Refusal::BadSignature));
        let mut p = parts(&h);
        p.authority = "c.example";
        assert_eq!(verify(&p, BODY, 1000, known), Err(Refusal::BadSignature));
        let mut p = parts(&h);
        p.signature = None;
        assert_eq!(
            verify(&p, BODY, 1000, known),
            Err(Refusal::Missing("Signature"))
        );
        // A signature that covers less than required.
        let narrow = h.signature_input.replace(" \"content-type\"", "");
        let mut p = parts(&h);
        p.signature_input = Some(&narrow);
        assert_eq!(
            verify(&p, BODY, 1000, known),
            Err(Refusal::NotCovered("content-type"))
        );
    }

    #[test]
    fn the_digest_is_rfc_9530s() {
        // RFC 9530, appendix B.1: {"hello": "world"} with a trailing newline... the
        // example there is `{"hello": "world"}` (no newline).
        assert_eq!(
            content_digest(b"{\"hello\": \"world\"}"),
            "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"
        );
    }
}
