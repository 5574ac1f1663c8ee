package io.aiemployee.operator.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MDC keys every log line about a resource carries: {@code namespace} and {@code name}.
 *
 * <p>JOSDK puts {@code resource.namespace} and {@code resource.name} into the MDC while it
 * reconciles a resource (unless {@code JAVA_OPERATOR_SDK_USE_MDC=false}); this maps them to the
 * short keys at encoding time, so JOSDK's own lines and ours look the same. Code that logs about a
 * resource outside a reconciliation sets {@link #NAMESPACE} and {@link #NAME} itself; those win.
 */
public final class ResourceMdc {

    public static final String NAMESPACE = "namespace";
    public static final String NAME = "name";
    static final String JOSDK_NAMESPACE = "resource.namespace";
    static final String JOSDK_NAME = "resource.name";

    private ResourceMdc() {
    }

    /** The event itself when it needs no mapping, otherwise a view with {@code namespace} and {@code name} added. */
    static ILoggingEvent withResourceKeys(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        boolean addNamespace = !mdc.containsKey(NAMESPACE) && mdc.containsKey(JOSDK_NAMESPACE);
        boolean addName = !mdc.containsKey(NAME) && mdc.containsKey(JOSDK_NAME);
        if (!addNamespace && !addName) {
            return event;
        }
        Map<String, String> mapped = new HashMap<>(mdc);
        if (addNamespace) {
            mapped.put(NAMESPACE, mdc.get(JOSDK_NAMESPACE));
        }
        if (addName) {
            mapped.put(NAME, mdc.get(JOSDK_NAME));
        }
        return new WithMdc(event, Map.copyOf(mapped));
    }

    /** The original event with another MDC map; everything else is delegated. */
    private record WithMdc(ILoggingEvent event, Map<String, String> mdc) implements ILoggingEvent {

        @Override public String getThreadName() { return event.getThreadName(); }
        @Override public Level getLevel() { return event.getLevel(); }
        @Override public String getMessage() { return event.getMessage(); }
        @Override public Object[] getArgumentArray() { return event.getArgumentArray(); }
        @Override public String getFormattedMessage() { return event.getFormattedMessage(); }
        @Override public String getLoggerName() { return event.getLoggerName(); }
        @Override public LoggerContextVO getLoggerContextVO() { return event.getLoggerContextVO(); }
        @Override public IThrowableProxy getThrowableProxy() { return event.getThrowableProxy(); }
        @Override public StackTraceElement[] getCallerData() { return event.getCallerData(); }
        @Override public boolean hasCallerData() { return event.hasCallerData(); }
        @Override public List<Marker> getMarkerList() { return event.getMarkerList(); }
        @Override public Map<String, String> getMDCPropertyMap() { return mdc; }
        @SuppressWarnings("deprecation")
        @Override public Map<String, String> getMdc() { return mdc; }
        @Override public long getTimeStamp() { return event.getTimeStamp(); }
        @Override public int getNanoseconds() { return event.getNanoseconds(); }
        @Override public long getSequenceNumber() { return event.getSequenceNumber(); }
        @Override public List<KeyValuePair> getKeyValuePairs() { return event.getKeyValuePairs(); }
        @Override public void prepareForDeferredProcessing() { event.prepareForDeferredProcessing(); }
    }
}
