package io.aiemployee.operator.local;

import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.watcher.WatcherKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * What the orchestrator last reported, written atomically to {@code .aiemployee/local/status.yaml}
 * on every change and read by {@code aiemployee status}.
 */
public record LocalStatus(long orchestratorPid, String vault, Instant updated, String state, String message,
                          List<WatcherView> watchers) {

    public LocalStatus {
        watchers = List.copyOf(watchers);
    }

    public void writeTo(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("orchestratorPid", orchestratorPid);
        root.put("vault", vault);
        root.put("updated", updated.toString());
        root.put("state", state);
        root.put("message", message);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (WatcherView w : watchers) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", w.kind().id());
            row.put("state", w.state().name());
            row.put("pid", w.pid());
            row.put("restarts", w.restarts());
            row.put("lastRestart", w.lastRestart() == null ? null : w.lastRestart().toString());
            row.put("lastExitCode", w.lastExitCode());
            row.put("lastError", w.lastError());
            rows.add(row);
        }
        root.put("watchers", rows);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        AtomicFiles.writeString(file, new Yaml(options).dump(root));
    }

    @SuppressWarnings("unchecked")
    public static LocalStatus readFrom(Path file) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()));
        Object loaded = yaml.load(Files.readString(file));
        if (!(loaded instanceof Map<?, ?> root)) {
            throw new IOException(file + " is not a status file");
        }
        List<WatcherView> watchers = new ArrayList<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) root.get("watchers")) {
            WatcherKind kind = WatcherKind.byId((String) row.get("id"))
                    .orElseThrow(() -> new IOException("unknown watcher " + row.get("id") + " in " + file));
            Object lastRestart = row.get("lastRestart");
            watchers.add(new WatcherView(kind, WatcherState.valueOf((String) row.get("state")),
                    ((Number) row.get("pid")).longValue(), ((Number) row.get("restarts")).intValue(),
                    lastRestart == null ? null : Instant.parse((String) lastRestart),
                    row.get("lastExitCode") == null ? null : ((Number) row.get("lastExitCode")).intValue(),
                    (String) row.get("lastError")));
        }
        return new LocalStatus(((Number) root.get("orchestratorPid")).longValue(), (String) root.get("vault"),
                Instant.parse((String) root.get("updated")), (String) root.get("state"), (String) root.get("message"),
                watchers);
    }
}
