package store

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"google.golang.org/protobuf/proto"

	"github.com/kg-tool/kg/graph"
)

// ErrBadBackup is returned by Restore for a file that is not a complete kg
// backup.
var ErrBadBackup = errors.New("not a kg backup")

// ErrNotEmpty is returned by Restore when the database already holds a
// graph and replacing it was not asked for.
var ErrNotEmpty = errors.New("database is not empty")

// badgerDeleted is Badger's bitDelete: the entry of a backup is a deletion
// marker rather than a value.
const badgerDeleted = 1 << 0

// Backup writes every key of the database to w in Badger's backup format
// (a sequence of length-prefixed protobuf KV lists), as of one snapshot.
// It works on a read-only database, so it can run beside queries.
func (db *DB) Backup(ctx context.Context, w io.Writer) error {
	if db.bdb == nil {
		return errors.New("store: database is closed")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Badger's defaults (8 streams, batches up to 100 MB) cost over 1 GB on
	// a database of a million keys; this keeps to about a fifth.
	stream := db.bdb.NewStream()
	stream.NumGo = 2
	stream.MaxSize = 16 << 20
	stream.LogPrefix = "kg backup"
	if _, err := stream.Backup(w, 0); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// BackupInfo describes a backup stream.
type BackupInfo struct {
	Keys   int    // live keys (deletion markers and older versions not counted)
	Schema string // the kg schema version the backup was written with
}

// ReadBackup reads a whole backup stream and checks that it is a complete
// backup of a kg database of this schema version, without changing
// anything. It returns an error wrapping ErrBadBackup otherwise.
func ReadBackup(r io.Reader) (BackupInfo, error) {
	var info BackupInfo
	br := bufio.NewReaderSize(r, 64<<10)
	var schemaVer uint64
	var schemaVal []byte
	var buf []byte
	last := ""
	for n := 0; ; n++ {
		var hdr [8]byte
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return info, fmt.Errorf("%w: record %d is cut off (truncated file?)", ErrBadBackup, n+1)
		}
		sz := binary.LittleEndian.Uint64(hdr[:])
		if sz > 1<<31 {
			return info, fmt.Errorf("%w: record %d claims %d bytes (not a Badger backup stream)", ErrBadBackup, n+1, sz)
		}
		if uint64(cap(buf)) < sz {
			buf = make([]byte, sz)
		}
		buf = buf[:sz]
		if _, err := io.ReadFull(br, buf); err != nil {
			return info, fmt.Errorf("%w: record %d is cut off (truncated file?)", ErrBadBackup, n+1)
		}
		list := &pb.KVList{}
		if err := proto.Unmarshal(buf, list); err != nil {
			return info, fmt.Errorf("%w: record %d is not a Badger KV list: %v", ErrBadBackup, n+1, err)
		}
		for _, kv := range list.Kv {
			k := kv.GetKey()
			if len(k) < 2 || k[1] != sep || !knownPrefix(k[0]) {
				return info, fmt.Errorf("%w: it holds the key %q, which kg does not write", ErrBadBackup, printable(k))
			}
			deleted := len(kv.GetMeta()) > 0 && kv.GetMeta()[0]&badgerDeleted != 0
			if string(k) == string(schemaKey) && kv.GetVersion() >= schemaVer {
				schemaVer, schemaVal = kv.GetVersion(), kv.GetValue()
				if deleted {
					schemaVal = nil
				}
			}
			// Versions of one key arrive together, newest first.
			if string(k) != last && !deleted {
				info.Keys++
			}
			last = string(k)
		}
	}
	if schemaVal == nil {
		if info.Keys == 0 {
			return info, fmt.Errorf("%w: it holds no keys", ErrBadBackup)
		}
		return info, fmt.Errorf("%w: it has no kg schema key (a backup of another Badger database?)", ErrBadBackup)
	}
	info.Schema = string(schemaVal)
	if info.Schema != schemaVersion && !upgradable[info.Schema] {
		return info, fmt.Errorf("%w: it has schema %q; this kg understands %q: %w",
			ErrBadBackup, info.Schema, schemaVersion, graph.ErrSchema)
	}
	return info, nil
}

func knownPrefix(p byte) bool {
	switch p {
	case pMeta, pSource, pPath, pNode, pKind, pAlias, pSeries, pFwd, pRev, pRedir, pCatalog:
		return true
	}
	return false
}

// Restore replaces the database's contents with a backup written by
// Backup. It reads the whole backup first (ReadBackup) and changes nothing
// if that fails. A database that holds anything besides its schema key is
// only replaced with force; it is then emptied (Badger's DropAll) before
// loading. If loading fails after that, the error says the database was
// emptied and an empty database is left. It fails with graph.ErrReadOnly
// on a read-only database, and must not run beside other writes.
func (db *DB) Restore(ctx context.Context, r io.ReadSeeker, force bool) (BackupInfo, error) {
	if db.readOnly {
		return BackupInfo{}, graph.ErrReadOnly
	}
	info, err := ReadBackup(r)
	if err != nil {
		return info, err
	}
	if err := ctx.Err(); err != nil {
		return info, err
	}
	empty, err := db.empty()
	if err != nil {
		return info, err
	}
	if !empty && !force {
		return info, fmt.Errorf("database %s already holds a graph: %w", db.dir, ErrNotEmpty)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return info, fmt.Errorf("store: restore: %w", err)
	}
	if !empty {
		if err := db.bdb.DropAll(); err != nil {
			return info, fmt.Errorf("store: restore: empty the database: %w", err)
		}
	}
	// Four batches in flight rather than more: the load is bound by the
	// disk, and each batch holds up to a Badger transaction in memory.
	if err := db.bdb.Load(r, 4); err != nil {
		lerr := fmt.Errorf("store: restore failed, the database is left empty: %w", err)
		if derr := db.bdb.DropAll(); derr != nil {
			return info, fmt.Errorf("%w (and emptying it again failed: %v)", lerr, derr)
		}
		if serr := db.checkSchema(); serr != nil {
			return info, fmt.Errorf("%w (and writing its schema failed: %v)", lerr, serr)
		}
		return info, lerr
	}
	if err := db.checkSchema(); err != nil {
		return info, fmt.Errorf("store: restore: %w", err)
	}
	return info, nil
}

// empty reports whether the database holds nothing but its schema key.
func (db *DB) empty() (bool, error) {
	empty := true
	err := db.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: false})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if string(it.Item().Key()) != string(schemaKey) {
				empty = false
				return nil
			}
		}
		return nil
	})
	return empty, err
}
