package dev.vigil;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The convention entry points of one {@link Vigil}: one {@link Cache} and {@link Storage} per name, so that
 * {@code vigil.cache("users").hit()} on every lookup costs a map read, not a meter lookup; one {@link Http}, and one
 * {@link Tasks}, {@link Auth}, {@link Db} and {@link Messaging}, each made at its first use.
 */
final class Domains {
    /** Names beyond this many get a fresh instance per call: a mistake (a name per user) must not grow the map. */
    private static final int MAX_NAMES = 1024;

    private final Vigil vigil;
    private final Map<String, Cache> caches = new ConcurrentHashMap<>();
    private final Map<String, Storage> storages = new ConcurrentHashMap<>();
    private final Http http;
    private volatile Tasks tasks;
    private final Once<Auth> auth;
    /** Made at first use, so that a service that never observes a database never loads {@code java.sql} types. */
    private final Once<Db> db;
    private final Once<Messaging> messaging;

    Domains(Vigil vigil) {
        this.vigil = vigil;
        this.http = new Http(vigil);
        this.auth = new Once<>(() -> new Auth(vigil));
        this.db = new Once<>(() -> new Db(vigil));
        this.messaging = new Once<>(() -> new Messaging(vigil));
    }

    Http http() {
        return http;
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
        return auth.get();
    }

    Db db() {
        return db.get();
    }

    Messaging messaging() {
        return messaging.get();
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

    /** One instance made at the first call, then the same one for every caller. */
    private static final class Once<T> {
        private final Supplier<T> make;
        private volatile T value;

        Once(Supplier<T> make) {
            this.make = make;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = make.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }
}
