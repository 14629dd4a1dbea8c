package io.hpkafka.boot.autoconfigure.listener;

/**
 * Carries an {@link Error} (not a virtual-machine error) a listener method threw, such as an
 * {@link AssertionError}, so that it is retried and recovered like an exception.
 */
public final class ListenerInvocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ListenerInvocationException(String message, Throwable cause) {
        super(message, cause);
    }

    static Exception wrap(Throwable failure) {
        if (failure instanceof Exception exception) {
            return exception;
        }
        if (failure instanceof VirtualMachineError error) {
            throw error;
        }
        return new ListenerInvocationException("The listener threw " + failure, failure);
    }

}
