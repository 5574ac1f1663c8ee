package io.aiemployee.watcher.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Start times of items and the moment each one's result appeared, observed by polling every millisecond. */
final class LatencyRecorder {

    private final Map<Path, Long> started = new ConcurrentHashMap<>();
    private final List<Long> latenciesNanos = new ArrayList<>();

    void started(Path expectedResult) {
        started.put(expectedResult, System.nanoTime());
    }

    /** Polls until every started item's result exists or the deadline passes. */
    void awaitAll(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!started.isEmpty() && System.nanoTime() < deadline) {
            pollOnce();
            Thread.sleep(1);
        }
        if (!started.isEmpty()) {
            throw new AssertionError(started.size() + " results did not appear, e.g. " + started.keySet().iterator().next());
        }
    }

    void pollOnce() {
        long now = System.nanoTime();
        started.entrySet().removeIf(entry -> {
            if (Files.exists(entry.getKey())) {
                synchronized (latenciesNanos) {
                    latenciesNanos.add(now - entry.getValue());
                }
                return true;
            }
            return false;
        });
    }

    int count() {
        return latenciesNanos.size();
    }

    double percentileMillis(double p) {
        List<Long> sorted = new ArrayList<>(latenciesNanos);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    static void report(String name, String text) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(dir.resolve(name + ".txt"), text);
        System.out.println(text);
    }

    static String machine() {
        return "Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
