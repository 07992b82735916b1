package store

// SetMetaForTest writes a meta key, for tests of schema checks.
func SetMetaForTest(db *DB, k, v string) error { return db.setMeta(k, v) }
