package io.aiemployee.operator.observe;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Kubernetes timestamps (RFC 3339 strings) to and from {@link Instant}. */
public final class Timestamps {

    private Timestamps() {
    }

    /** Null for null, blank or unparsable input. */
    public static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** RFC 3339 in UTC with millisecond precision (the status needs sub-second times when tests speed the clock up). */
    public static String format(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
