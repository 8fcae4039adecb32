// Independent check of spona-tlog's trees, proofs and signed checkpoints with Go's
// golang.org/x/mod/sumdb/tlog and sumdb/note (Debian: golang-golang-x-mod-dev).
//
// Usage: GOPATH=/usr/share/gocode GO111MODULE=off go run verify.go cases.json
// Prints one line per failed expectation and exits 1 if any; else prints "ok N checks".
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type inclusion struct {
	Index    int64       `json:"index"`
	Proof    []tlog.Hash `json:"proof"`
	LeafData string      `json:"leaf_data"`
	Root     *tlog.Hash  `json:"root"`
	Expect   bool        `json:"expect"`
	What     string      `json:"what"`
}

type consistency struct {
	Old     int64       `json:"old"`
	OldRoot tlog.Hash   `json:"old_root"`
	Proof   []tlog.Hash `json:"proof"`
	NewRoot *tlog.Hash  `json:"new_root"`
	Expect  bool        `json:"expect"`
	What    string      `json:"what"`
}

type tree struct {
	Seed        int64         `json:"seed"`
	Size        int64         `json:"size"`
	Root        tlog.Hash     `json:"root"`
	Inclusion   []inclusion   `json:"inclusion"`
	Consistency []consistency `json:"consistency"`
}

type noteCase struct {
	Key    string `json:"key"`
	Note   string `json:"note"`
	Expect bool   `json:"expect"`
	What   string `json:"what"`
}

type cases struct {
	Trees []tree     `json:"trees"`
	Notes []noteCase `json:"notes"`
}

func leafData(seed, i int64) []byte { return []byte(fmt.Sprintf("leaf-%d-%d", seed, i)) }

func main() {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var c cases
	if err := json.Unmarshal(raw, &c); err != nil {
		panic(err)
	}
	failed, checks := 0, 0
	fail := func(format string, args ...interface{}) {
		failed++
		fmt.Printf(format+"\n", args...)
	}
	for _, t := range c.Trees {
		// Go builds its own tree from the leaves and computes the root.
		var stored []tlog.Hash
		reader := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
			out := make([]tlog.Hash, len(idx))
			for i, x := range idx {
				out[i] = stored[x]
			}
			return out, nil
		})
		for i := int64(0); i < t.Size; i++ {
			hs, err := tlog.StoredHashes(i, leafData(t.Seed, i), reader)
			if err != nil {
				panic(err)
			}
			stored = append(stored, hs...)
		}
		goRoot, err := tlog.TreeHash(t.Size, reader)
		if err != nil {
			panic(err)
		}
		checks++
		if goRoot != t.Root {
			fail("tree seed %d size %d: root differs (rust %v, go %v)", t.Seed, t.Size, t.Root, goRoot)
		}
		for _, p := range t.Inclusion {
			data := leafData(t.Seed, p.Index)
			if p.LeafData != "" {
				data = []byte(p.LeafData)
			}
			root := t.Root
			if p.Root != nil {
				root = *p.Root
			}
			err := tlog.CheckRecord(tlog.RecordProof(p.Proof), t.Size, root, p.Index, tlog.RecordHash(data))
			checks++
			if (err == nil) != p.Expect {
				fail("tree %d/%d inclusion of %d (%s): expected %v, go says %v", t.Seed, t.Size, p.Index, p.What, p.Expect, err)
			}
		}
		for _, p := range t.Consistency {
			newRoot := t.Root
			if p.NewRoot != nil {
				newRoot = *p.NewRoot
			}
			err := tlog.CheckTree(tlog.TreeProof(p.Proof), t.Size, newRoot, p.Old, p.OldRoot)
			checks++
			if (err == nil) != p.Expect {
				fail("tree %d/%d consistency from %d (%s): expected %v, go says %v", t.Seed, t.Size, p.Old, p.What, p.Expect, err)
			}
			if p.Expect {
				// Go's own proof must equal Rust's.
				own, err := tlog.ProveTree(t.Size, p.Old, reader)
				checks++
				if err != nil || len(own) != len(p.Proof) {
					fail("tree %d/%d: go's consistency proof from %d differs in length", t.Seed, t.Size, p.Old)
				} else {
					for i := range own {
						if own[i] != p.Proof[i] {
							fail("tree %d/%d: go's consistency proof from %d differs at %d", t.Seed, t.Size, p.Old, i)
							break
						}
					}
				}
			}
		}
	}
	for _, n := range c.Notes {
		v, err := note.NewVerifier(n.Key)
		if err != nil {
			fail("note %s: go refuses the verifier key %q: %v", n.What, n.Key, err)
			continue
		}
		_, err = note.Open([]byte(n.Note), note.VerifierList(v))
		checks++
		if (err == nil) != n.Expect {
			fail("note %s: expected %v, go says %v", n.What, n.Expect, err)
		}
	}
	if failed > 0 {
		os.Exit(1)
	}
	fmt.Printf("ok %d checks\n", checks)
}
