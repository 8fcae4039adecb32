use proptest::prelude::*;

use super::*;

fn leaves(n: u64) -> Vec<Hash> {
    (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
}

fn tree(leaves: &[Hash]) -> MemoryTree {
    let mut t = MemoryTree::new();
    for l in leaves {
        t.push(*l);
    }
    t
}

#[test]
fn rfc6962_test_vector_root() {
    let data: [&[u8]; 8] = [
        b"",
        b"\x00",
        b"\x10",
        b"\x20\x21",
        b"\x30\x31",
        b"\x40\x41\x42\x43",
        b"\x50\x51\x52\x53\x54\x55\x56\x57",
        b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
    ];
    let hashes: Vec<Hash> = data.iter().map(|d| leaf_hash(d)).collect();
    assert_eq!(
        hex::encode(hashes[0]),
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
    );
    assert_eq!(
        hex::encode(tree(&hashes).root(8)),
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    );
    assert_eq!(
        hex::encode(empty_tree_hash()),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn stored_nodes_give_the_definition_root_for_every_size() {
    let ls = leaves(130);
    let t = tree(&ls);
    for n in 0..=130u64 {
        assert_eq!(t.root(n), reference_root(&ls[..n as usize]), "size {n}");
    }
}

#[test]
fn every_inclusion_and_consistency_proof_verifies_up_to_40() {
    let ls = leaves(40);
    let t = tree(&ls);
    for n in 1..=40u64 {
        let root = t.root(n);
        for m in 0..n {
            let p = inclusion_proof(m, n, t.nodes()).expect("proof");
            verify_inclusion(m, n, &ls[m as usize], &p, &root).expect("verifies");
            // Another leaf, another index or another root fails.
            let other = leaf_hash(b"other");
            assert!(verify_inclusion(m, n, &other, &p, &root).is_err());
            if n > 1 {
                assert!(verify_inclusion((m + 1) % n, n, &ls[m as usize], &p, &root).is_err());
            }
        }
        for old in 1..=n {
            let p = consistency_proof(old, n, t.nodes()).expect("proof");
            let old_root = t.root(old);
            verify_consistency(old, n, &old_root, &root, &p).expect("consistent");
            if old < n {
                let forged = leaf_hash(b"fork");
                assert!(verify_consistency(old, n, &forged, &root, &p).is_err());
                assert!(verify_consistency(old, n, &old_root, &forged, &p).is_err());
            }
        }
    }
}

#[test]
fn node_lists_are_exactly_what_the_proofs_read() {
    let t = tree(&leaves(77));
    for (m, n) in [(0, 1), (5, 77), (76, 77), (31, 64), (12, 13)] {
        let only: HashMap<NodeId, Hash> = inclusion_nodes(m, n)
            .expect("nodes")
            .into_iter()
            .map(|id| (id, t.nodes()[&id]))
            .collect();
        assert_eq!(
            inclusion_proof(m, n, &only).expect("enough"),
            inclusion_proof(m, n, t.nodes()).expect("proof")
        );
    }
    let only: HashMap<NodeId, Hash> = consistency_nodes(13, 77)
        .expect("nodes")
        .into_iter()
        .map(|id| (id, t.nodes()[&id]))
        .collect();
    assert!(consistency_proof(13, 77, &only).is_ok());
    assert!(matches!(
        consistency_proof(13, 77, &HashMap::new()),
        Err(ProofError::MissingNode(_))
    ));
}

#[test]
fn bad_sizes_are_errors() {
    let t = tree(&leaves(3));
    assert!(matches!(
        inclusion_proof(3, 3, t.nodes()),
        Err(ProofError::InvalidSizes(_))
    ));
    assert!(consistency_proof(0, 3, t.nodes()).is_err());
    assert!(consistency_proof(4, 3, t.nodes()).is_err());
}

proptest! {
    #[test]
    fn random_trees_prove_and_detect_tampering(n in 1u64..3000, seed in any::<u64>()) {
        let ls = leaves(n);
        let t = tree(&ls);
        let root = t.root(n);
        prop_assert_eq!(root, reference_root(&ls));
        let m = seed % n;
        let p = inclusion_proof(m, n, t.nodes()).expect("proof");
        prop_assert!(verify_inclusion(m, n, &ls[m as usize], &p, &root).is_ok());
        if let Some(first) = p.first() {
            let mut bad = p.clone();
            bad[0] = node_hash(first, first);
            prop_assert!(verify_inclusion(m, n, &ls[m as usize], &bad, &root).is_err());
            prop_assert!(verify_inclusion(m, n, &ls[m as usize], &p[1..], &root).is_err());
        }
        let old = 1 + (seed >> 20) % n;
        let c = consistency_proof(old, n, t.nodes()).expect("proof");
        prop_assert!(verify_consistency(old, n, &t.root(old), &root, &c).is_ok());
        // A log that rewrote an entry below `old` is not consistent with the old checkpoint.
        let mut forked = ls.clone();
        forked[(seed % old) as usize] = leaf_hash(b"rewritten");
        let f = tree(&forked);
        let fc = consistency_proof(old, n, f.nodes()).expect("proof");
        prop_assert!(verify_consistency(old, n, &t.root(old), &f.root(n), &fc).is_err());
    }
}
