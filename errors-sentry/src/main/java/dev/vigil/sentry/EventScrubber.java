package dev.vigil.sentry;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the redaction policy to a whole event just before it leaves, as Sentry's {@code beforeSend}: message,
 * exception values, tags, extras, contexts, breadcrumbs, request data and user. It runs after every other part of
 * the SDK has added its data, so nothing added later escapes it. Fails closed: if scrubbing throws, the event is
 * dropped (counted as {@code scrub_failed}), never sent half-scrubbed.
 *
 * <p>The user keeps only its id (the pseudonym) unless {@code vigil.sentry.send-default-pii} is true: e-mail,
 * user name and IP address are removed.
 */
final class EventScrubber implements SentryOptions.BeforeSendCallback {
    /** Deep enough for any context an SDK or application adds; a deeper value is replaced whole. */
    private static final int MAX_DEPTH = 8;

    private final Redactor redactor;
    private final DropCounter drops;
    private final boolean keepPii;

    EventScrubber(Redactor redactor, DropCounter drops, boolean keepPii) {
        this.redactor = redactor;
        this.drops = drops;
        this.keepPii = keepPii;
    }

    @Override
    public SentryEvent execute(SentryEvent event, Hint hint) {
        try {
            scrub(event);
            return event;
        } catch (Throwable t) { // NOPMD: fail closed on anything, an Error included
            drops.dropped(DropCounter.SCRUB_FAILED);
            return null;
        }
    }

    void scrub(SentryEvent event) {
        Message m = event.getMessage();
        if (m != null) {
            m.setMessage(redactor.text(m.getMessage()));
            m.setFormatted(redactor.text(m.getFormatted()));
            if (m.getParams() != null) {
                m.setParams(texts(m.getParams()));
            }
        }
        List<SentryException> exceptions = event.getExceptions();
        if (exceptions != null) {
            for (SentryException e : exceptions) {
                e.setValue(redactor.text(e.getValue()));
                if (e.getMechanism() != null) {
                    e.getMechanism().setData(values(e.getMechanism().getData(), 0));
                    e.getMechanism().setMeta(values(e.getMechanism().getMeta(), 0));
                }
            }
        }
        event.setLogger(redactor.text(event.getLogger()));
        event.setTransaction(redactor.text(event.getTransaction()));
        Map<String, String> tags = event.getTags();
        if (tags != null) {
            event.setTags(strings(tags));
        }
        Map<String, Object> extras = event.getExtras();
        if (extras != null) {
            event.setExtras(values(extras, 0));
        }
        scrubContexts(event.getContexts());
        List<Breadcrumb> crumbs = event.getBreadcrumbs();
        if (crumbs != null) {
            List<Breadcrumb> clean = new ArrayList<>(crumbs.size());
            for (Breadcrumb b : crumbs) {
                clean.add(breadcrumb(b));
            }
            event.setBreadcrumbs(clean);
        }
        Request r = event.getRequest();
        if (r != null) {
            event.setRequest(request(r));
        }
        User u = event.getUser();
        if (u != null) {
            User clean = user(u);
            event.setUser(clean.getId() == null && clean.getEmail() == null && clean.getUsername() == null
                    && clean.getIpAddress() == null && clean.getData() == null ? null : clean);
        }
    }

    private void scrubContexts(Contexts contexts) {
        for (Map.Entry<String, Object> entry : new ArrayList<>(contexts.entrySet())) {
            String key = entry.getKey();
            Object v = entry.getValue();
            if (v instanceof io.sentry.SpanContext) {
                io.sentry.SpanContext span = (io.sentry.SpanContext) v;
                span.setDescription(redactor.text(span.getDescription()));
                for (Map.Entry<String, Object> d : new ArrayList<>(span.getData().entrySet())) {
                    span.setData(d.getKey(), value(d.getKey(), d.getValue(), 1));
                }
            } else if (v instanceof io.sentry.protocol.Response) {
                io.sentry.protocol.Response r = (io.sentry.protocol.Response) v;
                r.setCookies(keepPii ? redactor.value("cookie", r.getCookies()) : null);
                r.setHeaders(r.getHeaders() == null ? null : strings(r.getHeaders()));
                r.setData(value("data", r.getData(), 1));
            } else if (v instanceof Map || v instanceof Collection || v instanceof CharSequence) {
                contexts.put(key, value(key, v, 0));
            }
            // Other values are the SDK's own typed contexts (runtime, os, app): facts about the process, not data.
        }
    }

    private Breadcrumb breadcrumb(Breadcrumb b) {
        Breadcrumb c = new Breadcrumb(b.getTimestamp());
        c.setType(b.getType());
        c.setCategory(redactor.text(b.getCategory()));
        c.setLevel(b.getLevel());
        c.setOrigin(b.getOrigin());
        c.setMessage(redactor.text(b.getMessage()));
        for (Map.Entry<String, Object> d : b.getData().entrySet()) {
            Object v = value(d.getKey(), d.getValue(), 1);
            if (v != null) {
                c.setData(d.getKey(), v);
            }
        }
        return c;
    }

    private Request request(Request r) {
        Request c = new Request();
        c.setMethod(r.getMethod());
        c.setUrl(redactor.text(r.getUrl()));
        c.setQueryString(redactor.text(r.getQueryString()));
        c.setFragment(redactor.text(r.getFragment()));
        c.setApiTarget(r.getApiTarget());
        c.setBodySize(r.getBodySize());
        c.setData(value("data", r.getData(), 0));
        // Cookies are credentials by nature: only an opt-in keeps them, and then redacted.
        c.setCookies(keepPii ? redactor.value("cookie", r.getCookies()) : null);
        c.setHeaders(r.getHeaders() == null ? null : strings(r.getHeaders()));
        c.setEnvs(r.getEnvs() == null ? null : strings(r.getEnvs()));
        c.setOthers(r.getOthers() == null ? null : strings(r.getOthers()));
        return c;
    }

    private User user(User u) {
        User c = new User();
        c.setId(redactor.text(u.getId()));
        if (keepPii) {
            c.setEmail(redactor.text(u.getEmail()));
            c.setUsername(redactor.text(u.getUsername()));
            c.setIpAddress(u.getIpAddress());
        }
        if (u.getData() != null) {
            c.setData(strings(u.getData()));
        }
        return c;
    }

    private List<String> texts(List<String> in) {
        List<String> out = new ArrayList<>(in.size());
        for (String s : in) {
            out.add(redactor.text(s));
        }
        return out;
    }

    private Map<String, String> strings(Map<String, String> in) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : in.entrySet()) {
            out.put(e.getKey(), redactor.value(e.getKey(), e.getValue()));
        }
        return out;
    }

    private Map<String, Object> values(Map<String, Object> in, int depth) {
        if (in == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            out.put(e.getKey(), value(e.getKey(), e.getValue(), depth + 1));
        }
        return out;
    }

    /**
     * A value as it may leave: text redacted for its key; numbers and booleans kept unless their text holds a secret
     * (a card number is a number); maps and lists scrubbed entry by entry; anything else sent as its redacted text,
     * never serialized field by field.
     */
    private Object value(String key, Object v, int depth) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number) {
            String s = v.toString();
            String r = redactor.value(key, s);
            return r.equals(s) ? v : r;
        }
        if (depth < MAX_DEPTH && v instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                String k = String.valueOf(e.getKey());
                out.put(redactor.text(k), value(k, e.getValue(), depth + 1));
            }
            return out;
        }
        if (depth < MAX_DEPTH && v instanceof Collection) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Collection<?>) v) {
                out.add(value(key, o, depth + 1));
            }
            return out;
        }
        return redactor.value(key, String.valueOf(v));
    }
}
