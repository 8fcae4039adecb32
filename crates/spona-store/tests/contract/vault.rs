//! The vault's cases and teams: each change with its custody entry, in one chain per case
//! that verifies against the signed head, also when entries are appended at once and when
//! the signing key is rotated. Items and consent: vault_items.rs; the keys and helpers the
//! vault's tests share are here.

use std::sync::{Arc, Mutex};

use spona_domain::ids::{CaseId, ItemId};
use spona_domain::vault::CaseRole;
use spona_store::vault::{self, Consent, CustodySigner, Item, Upload};
use spona_vault::{
    CustodyEntry, NewEntry, SealedField, ServerKey, SignedHead, VaultKey, owners, seal_field,
    verify_chain,
};

use super::*;

/// The vault's keys as the server holds them: seals with the vault key, signs with the
/// server key, and notes each head it hears was committed.
pub(crate) struct Keys {
    pub vault: VaultKey,
    pub server: Arc<ServerKey>,
    pub heads: Mutex<Vec<(String, u64)>>,
}

impl Keys {
    pub(crate) fn new() -> Keys {
        Keys::with(VaultKey::generate(), Arc::new(ServerKey::generate()))
    }

    pub(crate) fn with(vault: VaultKey, server: Arc<ServerKey>) -> Keys {
        Keys {
            vault,
            server,
            heads: Mutex::new(Vec::new()),
        }
    }

    /// Whether `signature` is this server key's over the head `e`.
    pub(crate) fn signed(&self, e: &CustodyEntry, signature: &str) -> bool {
        self.server.public().verify_head(&head(e, signature))
    }
}

impl CustodySigner for Keys {
    fn sign(&self, e: &CustodyEntry) -> String {
        self.server.sign_head(&e.case_id, e.seq, &e.hash).signature
    }

    fn seal(&self, owner: &str, text: &str) -> String {
        seal_field(&self.vault, owner, text).to_base64()
    }

    fn open(&self, owner: &str, sealed: &str) -> Option<String> {
        SealedField::from_base64(sealed)
            .and_then(|s| s.open(&self.vault, owner))
            .ok()
            .map(|t| t.as_str().to_owned())
    }

    fn committed(&self, e: &CustodyEntry) {
        self.heads
            .lock()
            .expect("heads")
            .push((e.case_id.clone(), e.seq));
    }
}

fn head(e: &CustodyEntry, signature: &str) -> SignedHead {
    SignedHead {
        case_id: e.case_id.clone(),
        seq: e.seq,
        hash: e.hash.clone(),
        public_key: String::new(),
        signature: signature.into(),
    }
}

/// A custody entry's fields: `actor` did `action` on `case`.
pub(crate) fn note(case: &str, actor: &str, action: &str) -> NewEntry {
    NewEntry {
        case_id: case.into(),
        at_ms: spona_store::now() * 1000,
        actor: actor.into(),
        action: action.into(),
        reason: format!("{action}: needed for the case"),
        item_sha256: None,
    }
}

/// Opens a case titled `title` led by `creator`, committed.
pub(crate) async fn new_case(db: &Db, keys: &Keys, creator: &str, title: &str) -> String {
    let id = spona_store::new_id();
    let sealed = keys.seal(&owners::case_title(&id), title);
    let mut tx = db.begin().await.expect("begin");
    let e = vault::create_case_in(
        &mut tx,
        &id,
        &sealed,
        creator,
        note(&id, creator, "create"),
        keys,
        None,
    )
    .await
    .expect("case");
    tx.commit().await.expect("commit");
    keys.committed(&e);
    id
}

/// A file item of `size` bytes (its blob stored elsewhere), sealed name `name`.
pub(crate) fn file_item(keys: &Keys, case: &str, by: &str, name: &str, size: i64) -> Item {
    let id = spona_store::new_id();
    Item {
        sealed: keys.seal(&owners::item(&id), name),
        id: ItemId::from(id),
        case_id: CaseId::from(case),
        kind: "file".into(),
        blob_id: Some(spona_store::new_id()),
        wrapped_key: Some(format!("wrapped-key-of-{name}")),
        size: Some(size),
        sha256: Some(format!("{size:064x}")),
        media_type: "application/pdf".into(),
        created_by: by.into(),
        created_at: spona_store::now(),
        unreadable: Vec::new(),
    }
}

pub(crate) fn consent(item: &Item, by: &str, share_with: &str) -> Consent {
    Consent {
        item_id: item.id.clone(),
        documentation: true,
        share_with: share_with.into(),
        prosecutors: true,
        publication: false,
        withdrawn: false,
        updated_by: by.into(),
        updated_at: 1_000,
    }
}

/// Records `item` (and its consent and upload) with its custody entry, committed.
pub(crate) async fn add(
    db: &Db,
    keys: &Keys,
    item: &Item,
    consent: Option<&Consent>,
    upload: Upload<'_>,
) -> spona_store::Result<CustodyEntry> {
    let mut e = note(&item.case_id, &item.created_by, "add");
    e.item_sha256 = item.sha256.clone();
    let mut tx = db.begin().await.expect("begin");
    let head = vault::add_item_in(&mut tx, item, consent, upload, e, keys, None).await?;
    tx.commit().await?;
    keys.committed(&head);
    Ok(head)
}

/// What is wrong with a case's stored chain, checked against its stored, signed head.
pub(crate) async fn chain_problems(
    db: &Db,
    keys: &Keys,
    case: &str,
) -> Vec<spona_vault::ChainProblem> {
    let c = vault::case(db, case).await.expect("case");
    let entries = vault::custody(db, case, keys).await.expect("custody");
    let last = entries.last().expect("an entry");
    assert_eq!(
        (c.head_seq, c.head_hash.as_str()),
        (last.seq as i64, last.hash.as_str())
    );
    verify_chain(
        case,
        &entries,
        Some(&head(last, &c.head_signature)),
        &keys.server.public(),
    )
    .problems
}

pub(crate) async fn set_member(
    db: &Db,
    keys: &Keys,
    case: &str,
    who: &str,
    role: CaseRole,
    by: &str,
) -> spona_store::Result<CustodyEntry> {
    let mut tx = db.begin().await.expect("begin");
    let e =
        vault::set_member_in(&mut tx, case, who, role, by, note(case, by, "grant"), keys).await?;
    tx.commit().await?;
    Ok(e)
}

async fn remove_member(
    db: &Db,
    keys: &Keys,
    case: &str,
    who: &str,
    by: &str,
) -> spona_store::Result<CustodyEntry> {
    let mut tx = db.begin().await.expect("begin");
    let e = vault::remove_member_in(&mut tx, case, who, note(case, by, "revoke"), keys).await?;
    tx.commit().await?;
    Ok(e)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cases_and_teams_round_trip() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let keys = Keys::new();
        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        let t0 = spona_store::now();
        let case = new_case(&db, &keys, &ana, "Village testimonies").await;
        let c = vault::case(&db, &case).await.expect("case");
        assert_eq!(
            keys.open(&owners::case_title(&case), &c.title).as_deref(),
            Some("Village testimonies"),
            "{kind}"
        );
        assert_eq!(
            (c.created_by.as_str(), c.head_seq),
            (ana.as_str(), 0),
            "{kind}"
        );
        assert!(c.created_at >= t0, "{kind}");
        let log = vault::custody(&db, &case, &keys).await.expect("custody");
        let first = &log[0];
        assert_eq!(
            (first.seq, first.prev_hash.as_str(), first.action.as_str()),
            (0, spona_vault::custody::GENESIS_HASH, "create"),
            "{kind}"
        );
        assert!(keys.signed(first, &c.head_signature), "{kind}: head signed");
        assert!(
            matches!(vault::case(&db, "nope").await, Err(StoreError::NotFound)),
            "{kind}"
        );
        let other = new_case(&db, &keys, &bo, "Second").await;
        let mut want = vec![case.clone(), other.clone()];
        want.sort();
        let all: Vec<String> = vault::all_cases(&db)
            .await
            .expect("all")
            .into_iter()
            .map(|c| text(c.id))
            .collect();
        assert_eq!(all, want, "{kind}: by id");

        // The team: the creator leads; a member is added, changed, removed.
        assert_eq!(
            vault::role_of(&db, &case, &ana).await.expect("role"),
            Some(CaseRole::Lead),
            "{kind}"
        );
        set_member(&db, &keys, &case, &bo, CaseRole::Documenter, &ana)
            .await
            .expect("add");
        set_member(&db, &keys, &case, &bo, CaseRole::Reviewer, &ana)
            .await
            .expect("change");
        let team = vault::members(&db, &case).await.expect("members");
        let got: Vec<(String, String, CaseRole)> = team
            .iter()
            .map(|m| (text(&m.user_id), m.email.clone(), m.role))
            .collect();
        assert_eq!(
            got,
            [
                (ana.clone(), "ana@example.org".to_owned(), CaseRole::Lead),
                (bo.clone(), "bo@example.org".to_owned(), CaseRole::Reviewer)
            ],
            "{kind}: one row each"
        );
        let mut of_bo: Vec<(String, CaseRole)> = vault::cases_of(&db, &bo)
            .await
            .expect("cases of")
            .into_iter()
            .map(|(c, r)| (text(c.id), r))
            .collect();
        of_bo.sort_by(|a, b| a.0.cmp(&b.0));
        let mut want = vec![
            (case.clone(), CaseRole::Reviewer),
            (other.clone(), CaseRole::Lead),
        ];
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(of_bo, want, "{kind}");

        remove_member(&db, &keys, &case, &bo, &ana)
            .await
            .expect("remove");
        assert_eq!(
            vault::role_of(&db, &case, &bo).await.expect("role"),
            None,
            "{kind}"
        );
        let head = vault::case(&db, &case).await.expect("case").head_seq;
        let r = remove_member(&db, &keys, &case, &bo, &ana).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        // Someone who is no user cannot join; neither refusal appends to the chain.
        let r = set_member(&db, &keys, &case, "nobody", CaseRole::Reviewer, &ana).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        assert_eq!(
            vault::case(&db, &case).await.expect("case").head_seq,
            head,
            "{kind}"
        );

        let log = vault::custody(&db, &case, &keys).await.expect("custody");
        let actions: Vec<(u64, &str, &str)> = log
            .iter()
            .map(|e| (e.seq, e.action.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(
            actions,
            [
                (0, "create", "create: needed for the case"),
                (1, "grant", "grant: needed for the case"),
                (2, "grant", "grant: needed for the case"),
                (3, "revoke", "revoke: needed for the case"),
            ],
            "{kind}"
        );
        let problems = chain_problems(&db, &keys, &case).await;
        assert!(problems.is_empty(), "{kind}: {problems:?}");
        // A custody entry for a case that does not exist is refused.
        let r = vault::log(&db, note("nope", &ana, "view"), &keys).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
    }
}

/// Entries appended at once to one case are numbered one after another, never twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_entries_make_one_chain() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let keys = Arc::new(Keys::new());
        let ana = user(&db, "ana@example.org").await;
        let case = new_case(&db, &keys, &ana, "Case").await;
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (db, keys, case, ana) = (db.clone(), keys.clone(), case.clone(), ana.clone());
            tasks.push(tokio::spawn(async move {
                vault::log(&db, note(&case, &ana, "view"), &*keys)
                    .await
                    .map(|e| e.seq)
            }));
        }
        let mut seqs = Vec::new();
        for t in tasks {
            seqs.push(t.await.expect("join").expect("log"));
        }
        seqs.sort();
        assert_eq!(seqs, (1..=8).collect::<Vec<u64>>(), "{kind}");
        let problems = chain_problems(&db, &keys, &case).await;
        assert!(problems.is_empty(), "{kind}: {problems:?}");
        assert_eq!(
            keys.heads.lock().expect("heads").len(),
            9,
            "{kind}: every committed head heard of"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotating_the_signing_key_signs_every_head_anew() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let old = Keys::new();
        let ana = user(&db, "ana@example.org").await;
        let cases = [
            new_case(&db, &old, &ana, "One").await,
            new_case(&db, &old, &ana, "Two").await,
        ];
        let new = Keys::with(old.vault.clone(), Arc::new(ServerKey::generate()));
        let entry = |case: &str| note(case, "server", "rotate-signing-key");
        let done = vault::rotate_signing_key(&db, &entry, &old, &new)
            .await
            .expect("rotate");
        assert_eq!(done.len(), 2, "{kind}");
        for (e, old_signature) in &done {
            assert_eq!(
                (e.seq, e.action.as_str()),
                (1, "rotate-signing-key"),
                "{kind}"
            );
            assert!(old.signed(e, old_signature), "{kind}");
            let c = vault::case(&db, &e.case_id).await.expect("case");
            assert!(new.signed(e, &c.head_signature), "{kind}: new key");
            assert!(!old.signed(e, &c.head_signature), "{kind}");
        }
        for case in &cases {
            let problems = chain_problems(&db, &new, case).await;
            assert!(problems.is_empty(), "{kind}: {problems:?}");
        }
    }
}
