//! Assessments are signed by the deployment's Ed25519 key (the federation's
//! `deployment-ed25519.key`) over a canonical text that names the organisation, the author,
//! the recommendation, the status, the date, the comment and every piece of evidence. The
//! stored signature carries the public key (`ed25519:<key hex>:<signature hex>`), so a row
//! can be checked by anyone holding the deployment's published key
//! (`/.well-known/spona-federation`), and any change to the row breaks it.

use spona_store::monitoring::assessments::{Assessment, Evidence};
use spona_vault::{ServerKey, ServerPublicKey};

/// What the canonical text is made of.
#[derive(Debug, Clone, Copy)]
pub struct Signed<'a> {
    pub id: &'a str,
    pub recommendation_id: &'a str,
    pub mechanism: &'a str,
    pub symbol: &'a str,
    pub paragraph: &'a str,
    /// None: the state's status.
    pub org_id: Option<&'a str>,
    pub author_id: Option<&'a str>,
    pub status: &'a str,
    pub assessed_on: &'a str,
    pub comment: &'a str,
    pub created_at: i64,
    pub evidence: &'a [Evidence],
}

/// The text that is signed: a version line, then one `name len:value` line per field, the
/// length in bytes, so that no value can pass for another's.
pub fn canonical(s: &Signed<'_>) -> String {
    let mut out = String::from("spona-monitoring-assessment/1\n");
    let mut field = |name: &str, value: &str| {
        out.push_str(&format!("{name} {}:{value}\n", value.len()));
    };
    field("id", s.id);
    field("recommendation", s.recommendation_id);
    field("mechanism", s.mechanism);
    field("symbol", s.symbol);
    field("paragraph", s.paragraph);
    field("organisation", s.org_id.unwrap_or("state"));
    field("author", s.author_id.unwrap_or(""));
    field("status", s.status);
    field("date", s.assessed_on);
    field("comment", s.comment);
    field("created", &s.created_at.to_string());
    field("evidence", &s.evidence.len().to_string());
    for e in s.evidence {
        field("kind", e.kind.as_str());
        field("target", &e.target);
        field("label", &e.label);
    }
    out
}

/// The stored form of a signature of `text` by `key`.
pub fn sign(key: &ServerKey, text: &str) -> String {
    let sig = key.sign(text.as_bytes());
    format!("ed25519:{}:{}", key.public().to_hex(), hex::encode(sig))
}

/// The public key (hex) and signature (hex) of a stored signature.
pub fn parse(stored: &str) -> Option<(&str, &str)> {
    let rest = stored.strip_prefix("ed25519:")?;
    rest.split_once(':')
}

/// Whether `stored` is a valid signature of `text` (by the key it names).
pub fn verify(stored: &str, text: &str) -> bool {
    let Some((key, sig)) = parse(stored) else {
        return false;
    };
    ServerPublicKey::from_hex(key).is_ok_and(|k| k.verify(text.as_bytes(), sig))
}

/// The canonical text of a stored assessment of a recommendation.
pub fn canonical_of(a: &Assessment, mechanism: &str, symbol: &str, paragraph: &str) -> String {
    canonical(&Signed {
        id: a.id.as_str(),
        recommendation_id: &a.recommendation_id,
        mechanism,
        symbol,
        paragraph,
        org_id: a.org_id.as_deref(),
        author_id: a.author_id.as_deref(),
        status: a.status.as_str(),
        assessed_on: &a.assessed_on,
        comment: &a.comment,
        created_at: a.created_at,
        evidence: &a.evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use spona_domain::monitoring::EvidenceKind;

    fn signed<'a>(evidence: &'a [Evidence], comment: &'a str) -> Signed<'a> {
        Signed {
            id: "a1",
            recommendation_id: "r1",
            mechanism: "upr",
            symbol: "A/HRC/23/15",
            paragraph: "131.4",
            org_id: Some("o1"),
            author_id: Some("u1"),
            status: "partially",
            assessed_on: "2025-03-01",
            comment,
            created_at: 1,
            evidence,
        }
    }

    #[test]
    fn a_signature_verifies_and_breaks_with_any_change() {
        let key = ServerKey::generate();
        let ev = [Evidence {
            assessment_id: String::new(),
            kind: EvidenceKind::Link,
            target: "https://example.org/report".into(),
            label: "Report".into(),
        }];
        let text = canonical(&signed(&ev, "Council meets rarely"));
        let stored = sign(&key, &text);
        assert!(verify(&stored, &text));
        assert!(!verify(
            &stored,
            &canonical(&signed(&ev, "Council meets often"))
        ));
        assert!(!verify(
            &stored,
            &canonical(&signed(&[], "Council meets rarely"))
        ));
        let other = ServerKey::generate();
        let (_, sig) = parse(&stored).expect("parsed");
        let forged = format!("ed25519:{}:{sig}", other.public().to_hex());
        assert!(!verify(&forged, &text));
        assert!(!verify("garbage", &text));
    }

    #[test]
    fn fields_are_framed() {
        // A comment cannot carry another field's line.
        let a = canonical(&signed(&[], "x\nstatus 11:implemented"));
        assert!(a.contains("comment 23:x\nstatus 11:implemented\n"));
    }
}
