package dev.vigil.servlet;

import dev.vigil.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** Reads W3C headers from a servlet request; repeated fields are reported, as the W3C rules need. */
final class RequestHeaders implements TextMapGetter<HttpServletRequest> {
    static final RequestHeaders INSTANCE = new RequestHeaders();

    private RequestHeaders() {
    }

    @Override
    public Iterable<String> keys(HttpServletRequest carrier) {
        Enumeration<String> names = carrier.getHeaderNames();
        return names == null ? List.of() : Collections.list(names);
    }

    @Override
    public String get(HttpServletRequest carrier, String key) {
        return carrier.getHeader(key);
    }

    @Override
    public List<String> getAll(HttpServletRequest carrier, String key) {
        Enumeration<String> values = carrier.getHeaders(key);
        return values == null ? List.of() : Collections.list(values);
    }
}
