package io.aiemployee.operator.observability;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The Fabric8 mock API server in CRUD mode, recording every request with the client's User-Agent,
 * so a test can tell which of several operator instances did what. The mock has no authorizer, so
 * a SelfSubjectRulesReview (JOSDK asks one before leader election) is answered with the rules the
 * test supplies for the requested namespace.
 */
public final class ApiServer implements AutoCloseable {

    /** One request as the server saw it; {@code path} includes the query. */
    public record Request(String userAgent, String method, String path) {
    }

    private static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Held so the level sticks: the mock server logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<String, List<ResourceRule>> rulesByNamespace = namespace -> List.of();
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public ApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher(), false);
        server.init();
        client = server.createClient();
    }

    /** The rules a SelfSubjectRulesReview reports for a namespace. */
    public void answerRulesReviews(Function<String, List<ResourceRule>> rules) {
        this.rulesByNamespace = rules;
    }

    /** A client for the test itself. */
    public KubernetesClient client() {
        return client;
    }

    /** A new client whose requests carry {@code userAgent}. */
    public KubernetesClient newClient(String userAgent) {
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(userAgent).build())
                .build();
    }

    public List<Request> requestsBy(String userAgent) {
        return requests.stream().filter(request -> userAgent.equals(request.userAgent())).toList();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private final class Dispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.add(new Request(request.getHeader("User-Agent"), request.getMethod(), request.getPath()));
            if ("POST".equals(request.getMethod()) && request.getPath().startsWith(RULES_REVIEWS)) {
                SelfSubjectRulesReview review = SERIALIZATION.unmarshal(request.getUtf8Body(), SelfSubjectRulesReview.class);
                review.setStatus(new SubjectRulesReviewStatusBuilder()
                        .withResourceRules(rulesByNamespace.apply(review.getSpec().getNamespace()))
                        .withIncomplete(false)
                        .build());
                return new MockResponse().setResponseCode(201).setBody(SERIALIZATION.asJson(review));
            }
            return super.dispatch(request);
        }
    }
}
