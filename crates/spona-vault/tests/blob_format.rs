//! The stored blob format's sizes are fixed: blobs sealed by one build are read by the next
//! (found with cargo-mutants: a different chunk length passed every round-trip test).

use spona_vault::blob::{CHUNK_LEN, HEADER_LEN, SEALED_CHUNK_LEN, TAG_LEN, sealed_size};

#[test]
fn chunks_are_64_kib_each_with_a_16_byte_tag() {
    assert_eq!(CHUNK_LEN, 65_536);
    assert_eq!(TAG_LEN, 16);
    assert_eq!(SEALED_CHUNK_LEN, 65_552);
    let h = HEADER_LEN as u64;
    // An empty blob still has one (empty, final) chunk and its tag.
    assert_eq!(sealed_size(0), h + 16);
    assert_eq!(sealed_size(1), h + 1 + 16);
    assert_eq!(sealed_size(65_535), h + 65_535 + 16);
    // A full chunk is followed by an empty final one.
    assert_eq!(sealed_size(65_536), h + 65_536 + 2 * 16);
    assert_eq!(sealed_size(3 * 65_536 + 7), h + 3 * 65_536 + 7 + 4 * 16);
}
