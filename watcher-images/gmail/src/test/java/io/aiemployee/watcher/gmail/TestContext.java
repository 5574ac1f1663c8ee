package io.aiemployee.watcher.gmail;

import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.WatcherContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A WatcherContext for driving a watcher directly: a settable clock, and each wait between polls
 * returns at once after running {@code betweenPolls}; the watcher is asked to stop after
 * {@code polls} polls.
 */
final class TestContext implements WatcherContext {

    final VaultLayout vault;
    final MutableClock clock = new MutableClock(Instant.parse("2026-02-16T18:25:00Z"));
    final List<Duration> waits = new ArrayList<>();
    private final int polls;
    private final Consumer<TestContext> betweenPolls;
    int heartbeats;
    private volatile boolean stop;

    TestContext(VaultLayout vault, int polls) {
        this(vault, polls, poll -> { });
    }

    TestContext(VaultLayout vault, int polls, Consumer<TestContext> betweenPolls) {
        this.vault = vault.ensureFolders();
        this.polls = polls;
        this.betweenPolls = betweenPolls;
    }

    @Override public VaultLayout vault() { return vault; }
    @Override public Clock clock() { return clock; }
    @Override public void heartbeat() { heartbeats++; }
    @Override public boolean stopRequested() { return stop; }

    @Override
    public boolean awaitStop(Duration timeout) {
        waits.add(timeout);
        if (waits.size() >= polls) {
            stop = true;
        } else {
            betweenPolls.accept(this);
        }
        return stop;
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) { this.now = start; }

        void advance(Duration by) { now = now.plus(by); }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
