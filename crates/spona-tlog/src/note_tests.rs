use ed25519_dalek::{Signer, SigningKey};

use super::*;

fn key(seed: u8) -> (SigningKey, VerifierKey) {
    let sk = SigningKey::from_bytes(&[seed; 32]);
    let vk = VerifierKey::new("example.org/log", sk.verifying_key().to_bytes()).expect("name");
    (sk, vk)
}

fn checkpoint() -> Checkpoint {
    Checkpoint {
        origin: "example.org/log".into(),
        size: 12,
        root: [7; 32],
        extensions: vec![],
    }
}

#[test]
fn sign_open_round_trip_and_key_text() {
    let (sk, vk) = key(1);
    let note = checkpoint()
        .sign(&vk, |m| sk.sign(m).to_bytes())
        .expect("sign");
    assert!(note.starts_with("example.org/log\n12\nBwcH"));
    assert!(note.contains("\n\n\u{2014} example.org/log "));
    assert_eq!(Checkpoint::open(&note, &vk).expect("opens"), checkpoint());
    assert_eq!(VerifierKey::parse(&vk.to_string()).expect("parses"), vk);
}

#[test]
fn another_key_and_an_altered_text_are_named() {
    let (sk, vk) = key(1);
    let (_, other) = key(2);
    let note = checkpoint()
        .sign(&vk, |m| sk.sign(m).to_bytes())
        .expect("sign");
    match Checkpoint::open(&note, &other) {
        Err(NoteError::UnknownKey { found, .. }) => {
            assert_eq!(found.len(), 1);
            assert!(found[0].starts_with("example.org/log+"));
        }
        other => panic!("expected UnknownKey, got {other:?}"),
    }
    let altered = note.replacen("\n12\n", "\n13\n", 1);
    assert!(matches!(
        Checkpoint::open(&altered, &vk),
        Err(NoteError::BadSignature(_))
    ));
}

#[test]
fn malformed_checkpoints_are_refused() {
    for text in [
        "",
        "o\n",
        "o\n1\n",
        "o\n01\nBwc=\n",
        "o\n1\nnot base64\n",
        "o\n1\nBwc=\n",
    ] {
        assert!(Checkpoint::parse(text).is_err(), "{text:?}");
    }
    let with_ext = "o\n1\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\nx y\n";
    assert_eq!(Checkpoint::parse(with_ext).expect("ok").extensions, ["x y"]);
    assert!(VerifierKey::parse("a+00000000+AQ==").is_err());
}

#[test]
fn keys_whose_base64_holds_a_plus_parse() {
    let with_plus = (0u8..=255)
        .map(|s| key(s).1)
        .find(|k| {
            k.to_string()
                .rsplit('+')
                .next()
                .is_some_and(|b| b.len() < 40)
        })
        .expect("some key's base64 holds a +");
    assert_eq!(
        VerifierKey::parse(&with_plus.to_string()).expect("parses"),
        with_plus
    );
}
