package dev.rill.streams.state;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Suppliers of window and session stores "of the user's own": each store is a proxy that implements only the public
 * store interface and passes every call to a built-in store, so Rill cannot recognise it as one of its own and layers
 * over it as over any user's store.
 */
final class UserStores {
    private UserStores() {
    }

    static WindowBytesStoreSupplier windows(WindowBytesStoreSupplier builtIn) {
        return forwarding(WindowBytesStoreSupplier.class, builtIn, WindowStore.class);
    }

    static SessionBytesStoreSupplier sessions(SessionBytesStoreSupplier builtIn) {
        return forwarding(SessionBytesStoreSupplier.class, builtIn, SessionStore.class);
    }

    /** A supplier whose {@code get()} wraps the built-in store in a proxy of {@code storeType}. */
    private static <S> S forwarding(Class<S> supplierType, S builtIn, Class<?> storeType) {
        return proxy(supplierType, (p, method, args) -> {
            Object result = call(builtIn, method, args);
            if (method.getName().equals("get")) {
                Object store = result;
                return proxy(storeType, (q, m, a) -> call(store, m, a));
            }
            return result;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(UserStores.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
