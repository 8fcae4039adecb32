# The public log (issue 24). Ids start with tlog-.
tlog-title = Public log
tlog-intro = Every time this platform publishes, changes or withdraws an organisation's profile or a joint text, a final or a signature, it adds an entry to this log. Entries are never changed or removed.
tlog-how = The entries form a Merkle tree (RFC 6962). The server signs the tree's size and root hash — a checkpoint — every minute when something was added. Anyone can keep the checkpoints they have seen and ask for a proof that the new one extends the old one: a log that rewrote or removed an entry cannot give that proof.
tlog-checkpoint = Latest checkpoint
tlog-size = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
tlog-signed-at = signed
tlog-checkpoint-text = Checkpoint as text
tlog-key-text = Verifier key as text
tlog-key = Verifier key
tlog-key-intro = Checkpoints are signed with this Ed25519 key (a signed note). Keep a copy: a checkpoint signed by another key is not this log's.
tlog-verify = Checking the log yourself
tlog-verify-intro = Anyone can act as a witness with Spona's command line: it checks the checkpoint's signature, that it extends the one seen last time, and that the pages you name are in the log.
tlog-recent = Newest entries
tlog-none = The log has no entries yet.
tlog-col-seq = Entry
tlog-col-time = Time (UTC)
tlog-col-object = Object
tlog-col-action = What happened
tlog-col-version = Version hash
tlog-on-page = Public log: entry { $seq }, { $action }, { $time }
tlog-proof = proof
tlog-err-size = There is no proof for these sizes: the log has not reached them, or the entry is not in a tree of that size.
tlog-err-number = A size, position or count must be a whole number of zero or more.
tlog-err-path = That page does not show an object the public log records.
tlog-err-no-key = The public log's signing key could not be opened; ask the operator.
# Lane log24: the other kinds, tiles and the vault's custody tree. Ids start with plog-.
plog-kinds = It also records each version of a public resource in the resource hub, public events, published services and monitoring assessments: when they are published, changed and withdrawn.
plog-tiles-h = Tiles
plog-tiles = The log is also served as tiles (C2SP tlog-tiles), which any tool made for transparency logs can read: hashes at /log/tile/<level>/<index>, entries at /log/tile/entries/<index>.
plog-custody-h = Custody in the evidence vault
plog-custody = Every custody entry of the cases in the evidence vault is also added to a separate, private tree. Its entries are never published; only its signed checkpoint is, so that no one can rewrite a case's history without it showing, not even the server's administrators.
plog-custody-checkpoint = Custody checkpoint as text
plog-custody-key = Custody verifier key as text
