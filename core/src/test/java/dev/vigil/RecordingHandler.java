package dev.vigil;

import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.VigilBackend;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend whose handler writes every call it gets as {@code "<label> <phase> <name>"}, with the interest and order
 * a test gives it; on stop it adds the error type and whether the error was already seen.
 */
final class RecordingHandler implements VigilBackend, ObservationHandler {
    final List<String> calls;
    private final String label;
    private final Interest interest;
    private final Order order;

    RecordingHandler(String label, Interest interest, Order order, List<String> calls) {
        this.label = label;
        this.interest = interest;
        this.order = order;
        this.calls = calls;
    }

    RecordingHandler(String label, Interest interest, Order order) {
        this(label, interest, order, new CopyOnWriteArrayList<>());
    }

    @Override
    public String name() {
        return label;
    }

    @Override
    public ObservationHandler observationHandler() {
        return this;
    }

    @Override
    public Interest interest() {
        return interest;
    }

    @Override
    public Order order() {
        return order;
    }

    @Override
    public Object onStart(ObservationContext o) {
        calls.add(label + " start " + o.name());
        return label;
    }

    @Override
    public void onScopeOpened(ObservationContext o, Object state) {
        calls.add(label + " open " + o.name());
    }

    @Override
    public void onScopeClosed(ObservationContext o, Object state) {
        calls.add(label + " close " + o.name());
    }

    @Override
    public void onStop(ObservationContext o, Object state) {
        calls.add(label + " stop " + o.name() + (o.errorType() == null ? ""
                : " " + o.errorType() + (o.errorAlreadySeen() ? " seen" : " new")));
    }
}
