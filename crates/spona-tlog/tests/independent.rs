//! Trees, proofs and signed checkpoints checked by an independent implementation: Go's
//! `golang.org/x/mod/sumdb/tlog` and `sumdb/note` (Debian `golang-go` and
//! `golang-golang-x-mod-dev`). Go rebuilds each tree from the leaves, computes its own root
//! and its own consistency proofs, and checks ours; a rewritten entry, a removed entry and a
//! forked checkpoint must each fail there too. Skipped (with a message) when `go` is absent.

use std::path::Path;
use std::process::Command;

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};
use spona_tlog::merkle::{
    MemoryTree, consistency_proof, inclusion_proof, leaf_hash, verify_consistency, verify_inclusion,
};
use spona_tlog::{Checkpoint, Hash, VerifierKey};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn b64(h: &Hash) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(h)
}

fn proof_json(p: &[Hash]) -> Value {
    Value::Array(p.iter().map(|h| json!(b64(h))).collect())
}

fn data(seed: u64, i: u64) -> Vec<u8> {
    format!("leaf-{seed}-{i}").into_bytes()
}

fn build(leaves: &[Vec<u8>]) -> MemoryTree {
    let mut t = MemoryTree::new();
    for l in leaves {
        t.push(leaf_hash(l));
    }
    t
}

fn tree_case(seed: u64, size: u64, rng: &mut Rng) -> Value {
    let leaves: Vec<Vec<u8>> = (0..size).map(|i| data(seed, i)).collect();
    let t = build(&leaves);
    let root = t.root(size);
    let mut inclusions = Vec::new();
    let mut consistencies = Vec::new();
    for _ in 0..12 {
        let i = rng.below(size);
        let p = inclusion_proof(i, size, t.nodes()).expect("proof");
        verify_inclusion(i, size, &leaf_hash(&leaves[i as usize]), &p, &root).expect("ours");
        inclusions
            .push(json!({"index": i, "proof": proof_json(&p), "expect": true, "what": "entry"}));
        // A rewritten entry: same position, other content.
        inclusions.push(json!({"index": i, "proof": proof_json(&p), "expect": false,
            "leaf_data": "rewritten", "what": "rewritten entry"}));
        let old = 1 + rng.below(size);
        let c = consistency_proof(old, size, t.nodes()).expect("proof");
        let old_root = t.root(old);
        verify_consistency(old, size, &old_root, &root, &c).expect("ours");
        consistencies.push(
            json!({"old": old, "old_root": b64(&old_root), "proof": proof_json(&c),
            "expect": true, "what": "prefix"}),
        );
    }
    if size >= 2 {
        // A removed entry: entry k dropped, the tail shifted down, one new entry at the end.
        let k = rng.below(size - 1);
        let mut removed = leaves.clone();
        removed.remove(k as usize);
        removed.push(b"appended after the removal".to_vec());
        let r = build(&removed);
        let old = k + 1 + rng.below(size - k - 1).min(size - k - 1);
        let old = old.min(size);
        let c = consistency_proof(old, size, r.nodes()).expect("proof");
        let new_root = r.root(size);
        assert!(verify_consistency(old, size, &t.root(old), &new_root, &c).is_err());
        consistencies.push(
            json!({"old": old, "old_root": b64(&t.root(old)), "proof": proof_json(&c),
            "new_root": b64(&new_root), "expect": false, "what": "removed entry"}),
        );
        let p = inclusion_proof(k, size, r.nodes()).expect("proof");
        inclusions.push(
            json!({"index": k, "proof": proof_json(&p), "root": b64(&new_root),
            "expect": false, "what": "removed entry's inclusion"}),
        );
        // A fork: the same prefix up to `p`, then other entries; a checkpoint of the fork is
        // not consistent with the real log.
        let p = rng.below(size);
        let mut fork = leaves.clone();
        for (i, l) in fork.iter_mut().enumerate().skip(p as usize) {
            *l = format!("fork-{seed}-{i}").into_bytes();
        }
        let f = build(&fork);
        let old = p + 1;
        let c = consistency_proof(old, size, t.nodes()).expect("proof");
        assert!(verify_consistency(old, size, &f.root(old), &root, &c).is_err());
        consistencies.push(
            json!({"old": old, "old_root": b64(&f.root(old)), "proof": proof_json(&c),
            "expect": false, "what": "forked checkpoint"}),
        );
    }
    json!({"seed": seed, "size": size, "root": b64(&root),
        "inclusion": inclusions, "consistency": consistencies})
}

fn note_cases() -> Value {
    let sk = SigningKey::from_bytes(&[3; 32]);
    let vk = VerifierKey::new("spona.example/log", sk.verifying_key().to_bytes()).expect("key");
    let other = SigningKey::from_bytes(&[4; 32]);
    let other_vk =
        VerifierKey::new("spona.example/log", other.verifying_key().to_bytes()).expect("key");
    let cp = Checkpoint {
        origin: "spona.example/log".into(),
        size: 42,
        root: leaf_hash(b"x"),
        extensions: vec![],
    };
    let note = cp.sign(&vk, |m| sk.sign(m).to_bytes()).expect("sign");
    let foreign = cp
        .sign(&other_vk, |m| other.sign(m).to_bytes())
        .expect("sign");
    json!([
        {"key": vk.to_string(), "note": note, "expect": true, "what": "our checkpoint"},
        {"key": vk.to_string(), "note": note.replacen("\n42\n", "\n43\n", 1), "expect": false,
            "what": "altered size"},
        {"key": vk.to_string(), "note": foreign, "expect": false, "what": "another key"},
    ])
}

#[test]
fn go_sumdb_tlog_agrees() {
    if Command::new("go").arg("version").output().is_err() {
        eprintln!("SKIPPED: `go` not found (apt-get install golang-go golang-golang-x-mod-dev)");
        return;
    }
    let mut rng = Rng(0x5eed);
    let mut sizes: Vec<u64> = vec![
        1, 2, 3, 4, 5, 7, 8, 9, 255, 256, 257, 1023, 1024, 1025, 100_000,
    ];
    for _ in 0..12 {
        sizes.push(1 + rng.below(100_000));
    }
    let trees: Vec<Value> = sizes
        .iter()
        .enumerate()
        .map(|(seed, &n)| tree_case(seed as u64, n, &mut rng))
        .collect();
    let cases = json!({"trees": trees, "notes": note_cases()});
    let dir = tempdir();
    let file = dir.join("cases.json");
    std::fs::write(&file, cases.to_string()).expect("write cases");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/go/verify.go");
    let out = Command::new("go")
        .arg("run")
        .arg(&script)
        .arg(&file)
        .env("GOPATH", "/usr/share/gocode")
        .env("GO111MODULE", "off")
        .env("GOFLAGS", "")
        .env("GOCACHE", dir.join("gocache"))
        .output()
        .expect("run go");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "go disagrees:\n{stdout}\n{stderr}");
    assert!(stdout.starts_with("ok "), "{stdout}");
    eprintln!("go: {stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempdir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("spona-tlog-go-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}
