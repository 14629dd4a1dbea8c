package io.hpkafka.boot.autoconfigure.listener;

import java.util.ArrayList;
import java.util.List;

import io.hpkafka.record.KafkaRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * The {@link ListenerObserver}s of one listener, called in order; one that throws is logged and the listener goes
 * on. Without observers it returns {@link ListenerObserver#NONE} and allocates nothing.
 */
final class ListenerObservers {

    private static final Log logger = LogFactory.getLog(ListenerObservers.class);

    static final ListenerObservers NONE = new ListenerObservers("", List.of());

    private final String listenerId;

    private final ListenerObserver[] observers;

    private ListenerObservers(String listenerId, List<ListenerObserver> observers) {
        this.listenerId = listenerId;
        this.observers = observers.toArray(new ListenerObserver[0]);
    }

    /**
     * Returns the observers that instrument a listener.
     * @param listenerId the listener's id
     * @param settings its settings
     * @param candidates every observer of the registry
     * @return those enabled for the listener
     */
    static ListenerObservers of(String listenerId, HpKafkaListenerProperties settings,
            List<ListenerObserver> candidates) {
        List<ListenerObserver> enabled = new ArrayList<>();
        for (ListenerObserver observer : candidates) {
            if (observer.isEnabledFor(listenerId, settings)) {
                enabled.add(observer);
            }
        }
        return enabled.isEmpty() ? NONE : new ListenerObservers(listenerId, enabled);
    }

    ListenerObserver.Invocation beforeRecord(KafkaRecord record) {
        if (this.observers.length == 0) {
            return ListenerObserver.NONE;
        }
        ListenerObserver.Invocation[] invocations = new ListenerObserver.Invocation[this.observers.length];
        for (int i = 0; i < this.observers.length; i++) {
            try {
                invocations[i] = this.observers[i].beforeRecord(this.listenerId, record);
            }
            catch (RuntimeException ex) {
                invocations[i] = ListenerObserver.NONE;
                failed(this.observers[i], ex);
            }
        }
        return after(invocations);
    }

    ListenerObserver.Invocation beforeBatch(List<KafkaRecord> records) {
        if (this.observers.length == 0) {
            return ListenerObserver.NONE;
        }
        ListenerObserver.Invocation[] invocations = new ListenerObserver.Invocation[this.observers.length];
        for (int i = 0; i < this.observers.length; i++) {
            try {
                invocations[i] = this.observers[i].beforeBatch(this.listenerId, records);
            }
            catch (RuntimeException ex) {
                invocations[i] = ListenerObserver.NONE;
                failed(this.observers[i], ex);
            }
        }
        return after(invocations);
    }

    // In reverse order, so that scopes opened before close inside out.
    private ListenerObserver.Invocation after(ListenerObserver.Invocation[] invocations) {
        return (@Nullable Throwable failure) -> {
            for (int i = invocations.length - 1; i >= 0; i--) {
                try {
                    invocations[i].after(failure);
                }
                catch (RuntimeException ex) {
                    failed(this.observers[i], ex);
                }
            }
        };
    }

    void containerStopped() {
        for (ListenerObserver observer : this.observers) {
            try {
                observer.containerStopped(this.listenerId);
            }
            catch (RuntimeException ex) {
                failed(observer, ex);
            }
        }
    }

    private void failed(ListenerObserver observer, RuntimeException ex) {
        logger.warn(LogMessage.format("@HpKafkaListener '%s': listener observer %s failed; the listener goes on",
                this.listenerId, observer.getClass().getName()), ex);
    }

}
