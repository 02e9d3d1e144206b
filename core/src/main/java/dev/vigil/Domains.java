package dev.vigil;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The convention entry points of one {@link Vigil}: one {@link Cache} and {@link Storage} per name, so that
 * {@code vigil.cache("users").hit()} on every lookup costs a map read, not a meter lookup.
 */
final class Domains {
    /** Names beyond this many get a fresh instance per call: a mistake (a name per user) must not grow the map. */
    private static final int MAX_NAMES = 1024;

    private final Vigil vigil;
    private final Map<String, Cache> caches = new ConcurrentHashMap<>();
    private final Map<String, Storage> storages = new ConcurrentHashMap<>();
    private volatile Tasks tasks;
    private volatile Auth auth;

    Domains(Vigil vigil) {
        this.vigil = vigil;
    }

    Tasks tasks() {
        Tasks t = tasks;
        if (t == null) {
            t = new Tasks(vigil);
            tasks = t;
        }
        return t;
    }

    Auth auth() {
        Auth a = auth;
        if (a == null) {
            synchronized (this) {
                a = auth;
                if (a == null) {
                    a = new Auth(vigil);
                    auth = a;
                }
            }
        }
        return a;
    }

    Cache cache(String name) {
        String n = validName(name, "cache");
        Cache c = caches.get(n);
        if (c != null) {
            return c;
        }
        if (caches.size() >= MAX_NAMES) {
            return new Cache(vigil, n);
        }
        return caches.computeIfAbsent(n, k -> new Cache(vigil, k));
    }

    Storage storage(String bucket) {
        String n = validName(bucket, "storage bucket");
        Storage s = storages.get(n);
        if (s != null) {
            return s;
        }
        if (storages.size() >= MAX_NAMES) {
            return new Storage(vigil, n);
        }
        return storages.computeIfAbsent(n, k -> new Storage(vigil, k));
    }

    private static String validName(String name, String what) {
        if (name == null || name.isBlank()) {
            dev.vigil.internal.ApiWarnings.warn("invalid-" + what.replace(' ', '-'),
                    "a " + what + " needs a name; using 'unnamed'");
            return "unnamed";
        }
        return name;
    }
}
