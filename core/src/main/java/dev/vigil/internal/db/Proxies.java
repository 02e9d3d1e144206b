package dev.vigil.internal.db;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates JDBC proxies through a cached constructor: {@link Proxy#newProxyInstance} looks its proxy class up
 * and checks access on every call, which is a visible share of a fast query's cost.
 */
final class Proxies {
    private static final ConcurrentHashMap<Class<?>, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

    private Proxies() {
    }

    static Object create(Class<?> iface, InvocationHandler handler) {
        Constructor<?> c = CONSTRUCTORS.get(iface);
        if (c != null) {
            try {
                return c.newInstance(handler);
            } catch (ReflectiveOperationException e) {
                // fall through to the JDK's own path
            }
        }
        Object proxy = Proxy.newProxyInstance(Proxies.class.getClassLoader(), new Class<?>[] {iface}, handler);
        try {
            CONSTRUCTORS.putIfAbsent(iface, proxy.getClass().getConstructor(InvocationHandler.class));
        } catch (NoSuchMethodException e) {
            // not cached: every call takes the JDK's path, which is only slower
        }
        return proxy;
    }
}
