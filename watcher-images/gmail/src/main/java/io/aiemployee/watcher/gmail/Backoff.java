package io.aiemployee.watcher.gmail;

import com.google.api.client.http.HttpResponseException;
import io.aiemployee.watcher.ConfigurationException;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Gmail call, retrying rate limits, 5xx answers and network failures with exponential
 * backoff (honouring {@code Retry-After}). Waiting goes through a {@link Sleeper}, so a stop request
 * ends the wait and tests need no real sleeps.
 */
final class Backoff {

    /** Waits up to {@code delay}; returns true when the watcher should stop instead of retrying. */
    @FunctionalInterface
    interface Sleeper {
        boolean sleep(Duration delay) throws InterruptedException;
    }

    @FunctionalInterface
    interface Call<T> {
        T execute() throws IOException;
    }

    static final int DEFAULT_ATTEMPTS = 5;
    static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_MAX = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(Backoff.class);

    private final Sleeper sleeper;
    private final int attempts;
    private final Duration initial;
    private final Duration max;

    Backoff(Sleeper sleeper) {
        this(sleeper, DEFAULT_ATTEMPTS, DEFAULT_INITIAL, DEFAULT_MAX);
    }

    Backoff(Sleeper sleeper, int attempts, Duration initial, Duration max) {
        this.sleeper = sleeper;
        this.attempts = attempts;
        this.initial = initial;
        this.max = max;
    }

    /**
     * Returns the call's result; {@code null} when the resource is gone (404). Throws
     * {@link ConfigurationException} for credential or option problems and
     * {@link GmailUnavailableException} when retries are used up or a stop was requested.
     */
    <T> T call(String what, Call<T> call) throws ConfigurationException, GmailUnavailableException, InterruptedException {
        Duration delay = initial;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.execute();
            } catch (IOException failure) {
                switch (GmailFailures.classify(failure)) {
                    case GONE:
                        return null;
                    case CONFIGURATION:
                        throw GmailFailures.toConfiguration(failure);
                    default:
                        break;
                }
                if (attempt >= attempts) {
                    throw new GmailUnavailableException(what + " failed " + attempts + " times: " + describe(failure), failure);
                }
                Duration wait = retryAfter(failure, delay);
                log.warn("{} failed ({}), attempt {} of {}; retrying in {} s", what, describe(failure), attempt, attempts,
                        wait.toMillis() / 1000.0);
                if (sleeper.sleep(wait)) {
                    throw new GmailUnavailableException(what + " abandoned: stop requested", failure);
                }
                delay = min(delay.multipliedBy(2), max);
            }
        }
    }

    private Duration retryAfter(IOException failure, Duration computed) {
        if (failure instanceof HttpResponseException http && http.getHeaders() != null) {
            String value = http.getHeaders().getRetryAfter();
            if (value != null) {
                try {
                    return min(Duration.ofSeconds(Long.parseLong(value.strip())), max);
                } catch (NumberFormatException httpDate) {
                    return computed;
                }
            }
        }
        return computed;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String describe(IOException failure) {
        if (failure instanceof HttpResponseException http) {
            return "HTTP " + http.getStatusCode() + (http.getStatusMessage() == null ? "" : " " + http.getStatusMessage());
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
