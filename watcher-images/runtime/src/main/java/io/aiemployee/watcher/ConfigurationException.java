package io.aiemployee.watcher;

/**
 * Thrown by a watcher that cannot run with the configuration it was given (no credentials, token
 * revoked, login needed). The runner exits with {@link ExitCodes#CONFIG_ERROR} and writes the
 * message, one line, to stderr and the termination-message file.
 */
public class ConfigurationException extends Exception {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
