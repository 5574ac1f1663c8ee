package io.aiemployee.operator.observability;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.util.Locale;

/**
 * The console encoder of logback.xml: readable lines ({@code text}, the default) or one JSON object
 * per line ({@code json}, logback's {@link JsonEncoder}), chosen by {@code LOG_FORMAT}. Either way a
 * line logged while a resource is reconciled carries the MDC keys {@code namespace} and {@code name}
 * (see {@link ResourceMdc}).
 */
public class LogFormatEncoder extends EncoderBase<ILoggingEvent> {

    public static final String TEXT = "text";
    public static final String JSON = "json";

    private String format = TEXT;
    private String pattern;
    private Encoder<ILoggingEvent> delegate;

    /** {@code text} or {@code json}; anything else falls back to text with a warning in logback's status. */
    public void setFormat(String format) {
        this.format = format == null ? TEXT : format.trim().toLowerCase(Locale.ROOT);
    }

    /** The layout of text lines (logback's PatternLayout syntax). */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public String getFormat() {
        return format;
    }

    @Override
    public void start() {
        if (JSON.equals(format)) {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithArguments(false);
            json.setWithMessage(false);
            json.setWithFormattedMessage(true);
            delegate = json;
        } else {
            if (!TEXT.equals(format)) {
                addWarn("Unknown log format \"" + format + "\" (expected text or json), using text");
                format = TEXT;
            }
            if (pattern == null) {
                addError("No pattern set for text log lines");
                return;
            }
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(ResourceMdc.withResourceKeys(event));
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
