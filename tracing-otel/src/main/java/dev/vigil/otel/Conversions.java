package dev.vigil.otel;

import io.opentelemetry.api.internal.OtelEncodingUtils;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts span contexts between core ({@code dev.vigil.trace}) and OpenTelemetry. Core holds ids as longs and
 * OpenTelemetry as hex strings: to OpenTelemetry we reuse core's cached hex forms, from it we parse without
 * allocating, and {@link #sameIds} compares the two without converting either.
 */
final class Conversions {
    private Conversions() {
    }

    static SpanContext toOtel(dev.vigil.trace.SpanContext sc) {
        if (!sc.isValid()) {
            return SpanContext.getInvalid();
        }
        TraceFlags flags = TraceFlags.fromByte(sc.traceFlags());
        TraceState state = toOtel(sc.traceState());
        return sc.isRemote()
                ? SpanContext.createFromRemoteParent(sc.traceIdHex(), sc.spanIdHex(), flags, state)
                : SpanContext.create(sc.traceIdHex(), sc.spanIdHex(), flags, state);
    }

    static dev.vigil.trace.SpanContext toVigil(SpanContext sc) {
        if (!sc.isValid()) {
            return dev.vigil.trace.SpanContext.invalid();
        }
        String traceId = sc.getTraceId();
        long hi = OtelEncodingUtils.longFromBase16String(traceId, 0);
        long lo = OtelEncodingUtils.longFromBase16String(traceId, 16);
        long spanId = OtelEncodingUtils.longFromBase16String(sc.getSpanId(), 0);
        byte flags = sc.getTraceFlags().asByte();
        dev.vigil.trace.TraceState state = toVigil(sc.getTraceState());
        return sc.isRemote()
                ? dev.vigil.trace.SpanContext.createFromRemoteParent(hi, lo, spanId, flags, state)
                : dev.vigil.trace.SpanContext.create(hi, lo, spanId, flags, state);
    }

    /** Whether both name the same span (or both none); compares ids only, allocation-free. */
    static boolean sameIds(SpanContext otel, dev.vigil.trace.SpanContext vigil) {
        if (!otel.isValid() || !vigil.isValid()) {
            return otel.isValid() == vigil.isValid();
        }
        String traceId = otel.getTraceId();
        return OtelEncodingUtils.longFromBase16String(otel.getSpanId(), 0) == vigil.spanId()
                && OtelEncodingUtils.longFromBase16String(traceId, 16) == vigil.traceIdLow()
                && OtelEncodingUtils.longFromBase16String(traceId, 0) == vigil.traceIdHigh();
    }

    /** OpenTelemetry's builder puts each new member first (left-most), as the W3C rules say: add right to left. */
    static TraceState toOtel(dev.vigil.trace.TraceState state) {
        if (state.isEmpty()) {
            return TraceState.getDefault();
        }
        List<Map.Entry<String, String>> members = new ArrayList<>(state.asMap().entrySet());
        TraceStateBuilder b = TraceState.builder();
        for (int i = members.size() - 1; i >= 0; i--) {
            b.put(members.get(i).getKey(), members.get(i).getValue());
        }
        return b.build();
    }

    static dev.vigil.trace.TraceState toVigil(TraceState state) {
        if (state.isEmpty()) {
            return dev.vigil.trace.TraceState.empty();
        }
        StringBuilder w3c = new StringBuilder();
        state.forEach((k, v) -> w3c.append(w3c.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return dev.vigil.trace.TraceState.parse(w3c.toString());
    }
}
