package io.aiemployee.watcher.approval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Optional;

/** The {@code expires} field: when an approval stops being valid. */
final class Expiry {

    private Expiry() {
    }

    /**
     * Empty when there is no {@code expires}. Accepts an ISO instant or date-time (without offset:
     * UTC) or a date (valid through that day, UTC); YAML timestamps arrive as {@link Date}.
     */
    static Optional<Instant> of(Object value) throws InvalidApprovalException {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Date date) {
            return Optional.of(date.toInstant());
        }
        if (!(value instanceof String text)) {
            throw new InvalidApprovalException("'expires' must be a date or time, not " + Parameters.describe(value));
        }
        String trimmed = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(trimmed).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notDate) {
                    throw new InvalidApprovalException("'expires' is not an ISO date or time: " + text);
                }
            }
        }
    }
}
