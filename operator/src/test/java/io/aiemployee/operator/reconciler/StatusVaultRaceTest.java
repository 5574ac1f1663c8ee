package io.aiemployee.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.OperatorHarness;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The vault-keeper writes {@code status.vault} while the operator is about to patch the status: the
 * operator's patch then meets a changed resource (409) and is retried on the newer copy. The retry
 * must keep what the keeper wrote. Made deterministic by applying the keeper's write inside the
 * API server, just before the operator's status patch is handled.
 */
class StatusVaultRaceTest {

    private static final String NAME = "kate";
    private static final String STATUS_PATH =
            "/apis/aiemployee.io/v1alpha1/namespaces/" + OperatorHarness.NAMESPACE + "/aiemployees/" + NAME + "/status";

    private OperatorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aKeeperWriteJustBeforeTheOperatorsStatusPatchSurvivesTheRetry() {
        var keeperWritesFirst = new KeeperWritesBeforeNextOperatorStatusPatch();
        harness = OperatorHarness.onMockServer(25, keeperWritesFirst::wrap);
        harness.startOperator();
        harness.create(Employees.withAllWatchers(NAME, 30));
        harness.awaitStatus(NAME, Duration.ofSeconds(30), s -> s.systemStatus() == SystemStatus.Online);

        keeperWritesFirst.arm();
        harness.terminate(harness.watcher(NAME, WatcherKind.GMAIL).podName(), 1, "crash");
        AIEmployee after = harness.awaitStatus(NAME, Duration.ofSeconds(30), s -> s.restarts() != null && s.restarts() >= 1);

        assertThat(keeperWritesFirst.fired()).as("the keeper's write went in before an operator status patch").isTrue();
        assertThat(after.getStatus().vault()).isEqualTo(KeeperWritesBeforeNextOperatorStatusPatch.VAULT);
        harness.awaitStatus(NAME, Duration.ofSeconds(30), s -> s.systemStatus() == SystemStatus.Online);
        assertThat(harness.get(NAME).getStatus().vault()).isEqualTo(KeeperWritesBeforeNextOperatorStatusPatch.VAULT);
    }

    private static final class KeeperWritesBeforeNextOperatorStatusPatch {
        static final ObjectNode VAULT = new ObjectMapper().createObjectNode().put("pendingApproval", 2);

        private final AtomicBoolean armed = new AtomicBoolean();
        private final AtomicBoolean fired = new AtomicBoolean();

        void arm() {
            armed.set(true);
        }

        boolean fired() {
            return fired.get();
        }

        Dispatcher wrap(Dispatcher crud) {
            return new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    boolean operatorStatusPatch = "PATCH".equals(request.getMethod())
                            && request.getPath().startsWith(STATUS_PATH)
                            && OperatorHarness.OPERATOR_AGENT.equals(request.getHeader("User-Agent"));
                    if (operatorStatusPatch && armed.compareAndSet(true, false)) {
                        String patch = "[{\"op\":\"add\",\"path\":\"/status/vault\",\"value\":" + VAULT + "}]";
                        MockResponse keeper = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, STATUS_PATH,
                                Headers.builder().add("Content-Type", "application/json-patch+json").build(),
                                new Buffer().writeUtf8(patch)));
                        assertThat(keeper.code()).as("the keeper's own patch").isBetween(200, 202);
                        fired.set(true);
                    }
                    return crud.dispatch(request);
                }
            };
        }
    }
}
