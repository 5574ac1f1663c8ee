package io.aiemployee.watcher.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiemployee.vault.VaultLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit trail: one JSON object per line and per decision in {@code Logs/YYYY-MM-DD.json} (UTC
 * date). Each line is a single append ({@code O_APPEND}) forced to disk, so lines from several
 * handlers never interleave and a decision is recorded before the handler moves on. A line is
 * appended whole or not at all: when the disk fills up part way (a short write, then "No space
 * left on device"), the part written is cut off again, so a later line never runs on from half a
 * line. (Only if another process appended in that instant is the part left, rather than cutting
 * off its line.)
 */
public final class AuditLog {

    private static final Object APPEND_LOCK = new Object();
    private final VaultLayout vault;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public AuditLog(VaultLayout vault, Clock clock) {
        this.vault = vault;
        this.clock = clock;
    }

    /** The decisions recorded. */
    public enum Decision { EXECUTED, DRY_RUN, FAILED, EXPIRED, INTERRUPTED, REJECTED }

    public void record(String file, String action, Decision decision, Object result, String handler) throws IOException {
        Instant now = clock.instant();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", now.truncatedTo(ChronoUnit.MILLIS).toString());
        line.put("file", file);
        line.put("action", action);
        line.put("decision", decision.name().toLowerCase(java.util.Locale.ROOT));
        line.put("result", result);
        line.put("handler", handler);
        byte[] bytes;
        try {
            bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            line.put("result", String.valueOf(result));
            bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        Path target = file(now);
        synchronized (APPEND_LOCK) {
            Files.createDirectories(target.getParent());
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                long start = channel.size();
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                try {
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(false);
                } catch (IOException e) {
                    takeBack(channel, start, buffer.position(), e);
                    throw e;
                }
            }
        }
    }

    /** Cuts off the {@code written} bytes of a failed append, unless something was appended after them. */
    private static void takeBack(FileChannel channel, long start, int written, IOException failure) {
        try {
            if (written > 0 && channel.size() == start + written) {
                channel.truncate(start);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    public Path file(Instant at) {
        return vault.logs().resolve(at.atZone(ZoneOffset.UTC).toLocalDate() + ".json");
    }
}
