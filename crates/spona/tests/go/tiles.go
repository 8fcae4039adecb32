// Independent check of Spona's C2SP tlog-tiles with Go's golang.org/x/mod/sumdb/tlog and
// sumdb/note (Debian: golang-golang-x-mod-dev), over HTTP from a running server.
//
// Usage: GOPATH=/usr/share/gocode GO111MODULE=off go run tiles.go BASE_URL VERIFIER_KEY
// (BASE_URL: the log's prefix, e.g. http://127.0.0.1:8080/log). It opens the signed
// checkpoint, reads hash tiles through tlog.TileHashReader (which checks every tile it reads
// against the checkpoint's root), proves every entry of the entry bundles with
// tlog.ProveRecord/CheckRecord, rebuilds every tile of the tree from the entries alone
// (tlog.StoredHashes, tlog.ReadTileData) and compares it byte for byte with the server's,
// and checks that a tampered tile and a rewritten entry are refused. Prints "ok N checks"
// or one line per failure and exits 1.
package main

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var base string
var failures int
var checks int

func fail(format string, args ...interface{}) {
	failures++
	fmt.Printf("FAIL: "+format+"\n", args...)
}

func get(path string) ([]byte, int) {
	resp, err := http.Get(base + path)
	if err != nil {
		fmt.Println("FAIL: GET", path, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b, resp.StatusCode
}

func urlOf(t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), "tile/8/")
	if strings.HasPrefix(p, "data/") {
		p = "entries/" + strings.TrimPrefix(p, "data/")
	}
	return "/tile/" + p
}

type reader struct{ tamper bool }

func (r reader) Height() int { return 8 }

func (r reader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		b, status := get(urlOf(t))
		if status != 200 {
			return nil, fmt.Errorf("%s: status %d", urlOf(t), status)
		}
		if r.tamper && t.L == 0 && len(b) > 0 {
			b = append([]byte(nil), b...)
			b[0] ^= 1
		}
		out[i] = b
	}
	return out, nil
}

func (r reader) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func main() {
	base = strings.TrimSuffix(os.Args[1], "/")
	verifier, err := note.NewVerifier(strings.TrimSpace(os.Args[2]))
	if err != nil {
		fmt.Println("FAIL: verifier key:", err)
		os.Exit(1)
	}
	msg, _ := get("/checkpoint")
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fmt.Println("FAIL: checkpoint signature:", err)
		os.Exit(1)
	}
	lines := strings.Split(n.Text, "\n")
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fmt.Println("FAIL: checkpoint size:", err)
		os.Exit(1)
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != tlog.HashSize {
		fmt.Println("FAIL: checkpoint root:", err)
		os.Exit(1)
	}
	var root tlog.Hash
	copy(root[:], rootBytes)
	tree := tlog.Tree{N: size, Hash: root}
	thr := tlog.TileHashReader(tree, reader{})

	// The root from the tiles.
	h, err := tlog.TreeHash(size, thr)
	checks++
	if err != nil || h != root {
		fail("tree hash from tiles: %v %v", h, err)
	}

	// Every entry from the entry bundles, proven.
	var records [][]byte
	for k := int64(0); k*256 < size; k++ {
		w := size - k*256
		if w > 256 {
			w = 256
		}
		t := tlog.Tile{H: 8, L: -1, N: k, W: int(w)}
		b, status := get(urlOf(t))
		if status != 200 {
			fail("%s: status %d", urlOf(t), status)
			continue
		}
		for len(b) >= 2 {
			l := int(binary.BigEndian.Uint16(b))
			if len(b) < 2+l {
				fail("%s: truncated entry", urlOf(t))
				break
			}
			records = append(records, b[2:2+l])
			b = b[2+l:]
		}
	}
	checks++
	if int64(len(records)) != size {
		fail("entry bundles hold %d entries, the checkpoint %d", len(records), size)
		os.Exit(1)
	}
	for i, rec := range records {
		if !strings.HasPrefix(string(rec), fmt.Sprintf("spona-log-entry/v1\n%d\n", i)) {
			fail("entry %d: unexpected text %q", i, rec)
		}
		p, err := tlog.ProveRecord(size, int64(i), thr)
		checks++
		if err != nil {
			fail("prove entry %d: %v", i, err)
			continue
		}
		if err := tlog.CheckRecord(p, size, root, int64(i), tlog.RecordHash(rec)); err != nil {
			fail("entry %d not proven: %v", i, err)
		}
		if i%97 == 0 {
			checks++
			bad := append([]byte(nil), rec...)
			bad[len(bad)-2] ^= 1
			if tlog.CheckRecord(p, size, root, int64(i), tlog.RecordHash(bad)) == nil {
				fail("a rewritten entry %d was accepted", i)
			}
		}
	}

	// Every tile rebuilt from the entries alone equals the server's, byte for byte.
	var stored []tlog.Hash
	local := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = stored[x]
		}
		return out, nil
	})
	for i, rec := range records {
		hs, err := tlog.StoredHashes(int64(i), rec, local)
		if err != nil {
			fail("stored hashes %d: %v", i, err)
			os.Exit(1)
		}
		stored = append(stored, hs...)
	}
	for _, t := range tlog.NewTiles(8, 0, size) {
		want, err := tlog.ReadTileData(t, local)
		if err != nil {
			fail("tile %s: %v", urlOf(t), err)
			continue
		}
		got, status := get(urlOf(t))
		checks++
		if status != 200 || string(got) != string(want) {
			fail("tile %s differs (status %d, %d bytes, want %d)", urlOf(t), status, len(got), len(want))
		}
	}

	// A tampered tile is refused by the hash reader.
	checks++
	bad := tlog.TileHashReader(tree, reader{tamper: true})
	if _, err := tlog.ProveRecord(size, 0, bad); err == nil {
		if h, err := tlog.TreeHash(size, bad); err == nil && h == root {
			fail("a tampered tile was accepted")
		}
	}

	if failures > 0 {
		os.Exit(1)
	}
	fmt.Printf("ok %d checks\n", checks)
}
