package main

import (
	"context"
	"testing"
	"time"
)

// acquired reports whether b.acquire(n) returns within a short wait.
func acquired(t *testing.T, b *budget, n int64) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	return b.acquire(ctx, n)
}

func TestBudgetBoundsFilesAndBytes(t *testing.T) {
	b := newBudget(3, 100)
	for i := 0; i < 3; i++ {
		if !acquired(t, b, 10) {
			t.Fatalf("file %d of 3 was refused", i+1)
		}
	}
	if acquired(t, b, 10) {
		t.Fatal("a fourth file was admitted with three held")
	}
	b.release(10)
	if !acquired(t, b, 10) {
		t.Fatal("a file was refused after one was released")
	}
	if acquired(t, b, 71) {
		t.Fatal("71 bytes were admitted on top of 30 with a bound of 100")
	}
	for i := 0; i < 3; i++ {
		b.release(10)
	}
	// Alone, a file larger than the bound still gets through, or the
	// oldest file would wait for ever.
	if !acquired(t, b, 500) {
		t.Fatal("a large file was refused with nothing held")
	}
	if acquired(t, b, 1) {
		t.Fatal("a file was admitted while a large one holds more than the bound")
	}
}

func TestBudgetWakesWaiter(t *testing.T) {
	b := newBudget(1, 100)
	if !acquired(t, b, 1) {
		t.Fatal("first file refused")
	}
	done := make(chan bool)
	go func() { done <- b.acquire(context.Background(), 1) }()
	time.Sleep(10 * time.Millisecond)
	b.release(1)
	select {
	case ok := <-done:
		if !ok {
			t.Fatal("acquire failed after a release")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a waiting acquire was not woken by release")
	}
}
