package dev.modelregistry.server.ops;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

import java.util.Arrays;

/**
 * Control characters in what a log line echoes (a path, a query value, an exception's message) are written as
 * {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}, so no request can forge a line of the log. The
 * logback patterns use {@link Message} ({@code %safeMsg}) and {@link Throwables} ({@code %safeEx}).
 */
public final class LogEscaping {
    private LogEscaping() {
    }

    /** The text with every control character escaped; null stays null. */
    public static String escape(String text) {
        if (text == null || text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** {@code %safeMsg}: the formatted message, escaped. */
    public static final class Message extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return escape(super.convert(event));
        }
    }

    /** {@code %safeEx}: the stack trace, one line per frame, with each exception's message escaped. */
    public static final class Throwables extends ThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy proxy) {
            return super.throwableProxyToString(new Escaped(proxy));
        }
    }

    /** An exception as logback sees it, with its message (and those of its causes) escaped. */
    private record Escaped(IThrowableProxy proxy) implements IThrowableProxy {
        @Override
        public String getMessage() {
            return escape(proxy.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return escape(proxy.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return proxy.getCause() == null ? null : new Escaped(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            return proxy.getSuppressed() == null ? null
                    : Arrays.stream(proxy.getSuppressed()).map(Escaped::new).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }
}
