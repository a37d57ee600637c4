package dev.sharebridge.bootstrap;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the composition root opened, closed in reverse order of opening: the HTTP server before
 * the services it calls, the services before the storage and the database they use. Every close
 * runs even when an earlier one fails; the first failure is thrown with the others attached.
 */
final class Resources implements AutoCloseable {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private boolean closed;

    /** Keeps {@code resource} to be closed before everything kept so far. @return resource */
    synchronized <T extends AutoCloseable> T add(T resource) {
        if (closed) {
            throw new IllegalStateException("already closed");
        }
        opened.push(resource);
        return resource;
    }

    /** Keeps {@code resource} when it can be closed (a provider may or may not hold connections). */
    synchronized <T> T addIfCloseable(T resource) {
        if (resource instanceof AutoCloseable closeable && !opened.contains(closeable)) {
            add(closeable);
        }
        return resource;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
