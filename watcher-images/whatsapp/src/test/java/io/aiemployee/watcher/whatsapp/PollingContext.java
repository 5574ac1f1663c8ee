package io.aiemployee.watcher.whatsapp;

import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.WatcherContext;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A WatcherContext for running a watcher directly: waits between polls are real but short (the test
 * page needs a moment to show changes), {@code afterPoll} runs after each poll with its number, and a
 * stop is requested after {@code polls} polls or by {@link #requestStop()}.
 */
final class PollingContext implements WatcherContext {

    private final VaultLayout vault;
    private final int polls;
    private final IntConsumer afterPoll;
    private final CountDownLatch stop = new CountDownLatch(1);
    final AtomicInteger completedPolls = new AtomicInteger();
    final AtomicInteger heartbeats = new AtomicInteger();

    PollingContext(VaultLayout vault, int polls, IntConsumer afterPoll) {
        this.vault = vault.ensureFolders();
        this.polls = polls;
        this.afterPoll = afterPoll;
    }

    PollingContext(VaultLayout vault, int polls) {
        this(vault, polls, poll -> { });
    }

    void requestStop() {
        stop.countDown();
    }

    @Override public VaultLayout vault() { return vault; }
    @Override public Clock clock() { return Clock.systemUTC(); }
    @Override public void heartbeat() { heartbeats.incrementAndGet(); }
    @Override public boolean stopRequested() { return stop.getCount() == 0; }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        int done = completedPolls.incrementAndGet();
        if (done >= polls) {
            requestStop();
            return true;
        }
        afterPoll.accept(done);
        return stop.await(Math.min(timeout.toMillis(), 400), TimeUnit.MILLISECONDS);
    }
}
