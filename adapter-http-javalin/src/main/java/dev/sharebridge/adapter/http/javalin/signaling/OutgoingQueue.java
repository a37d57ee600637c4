package dev.sharebridge.adapter.http.javalin.signaling;

import java.util.ArrayDeque;

/**
 * The outgoing messages of one connection. At most one frame is in the transport at a time; the
 * rest wait here, bounded, so a participant that does not read fills only its own queue. When
 * that queue is full the connection is closed (1008) instead of blocking the sender.
 */
final class OutgoingQueue {
    static final int POLICY_VIOLATION = 1008;
    static final int NORMAL = 1000;

    private final Outlet outlet;
    private final int capacity;
    private final Runnable onOverflow;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    // all guarded by this
    private boolean sending;
    private boolean draining;
    private boolean closed;
    private int closeCode;
    private String closeReason;

    OutgoingQueue(Outlet outlet, int capacity, Runnable onOverflow) {
        this.outlet = outlet;
        this.capacity = capacity;
        this.onOverflow = onOverflow;
    }

    /** Queues a frame; never blocks. */
    void offer(String text) {
        boolean overflow = false;
        synchronized (this) {
            if (closed || closeCode != 0) {
                return;
            }
            if (waiting.size() >= capacity) {
                overflow = true;
                closed = true;
                waiting.clear();
            } else {
                waiting.add(text);
            }
        }
        if (overflow) {
            onOverflow.run();
            outlet.close(POLICY_VIOLATION, "too many unread messages");
            return;
        }
        drain();
    }

    /** Sends what is queued, then closes with {@code code}. */
    void closeAfterQueued(int code, String reason) {
        synchronized (this) {
            if (closed || closeCode != 0) {
                return;
            }
            closeCode = code;
            closeReason = reason;
        }
        drain();
    }

    /** Forgets everything queued; the connection is gone. */
    synchronized void abandon() {
        closed = true;
        waiting.clear();
    }

    /**
     * Hands the next frame to the transport when none is in flight. A transport that completes a
     * send on the calling thread re-enters here through {@link #sent}; the {@code draining} flag
     * turns that into another turn of this loop instead of a deeper stack.
     */
    private void drain() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            String next;
            int code;
            String reason;
            synchronized (this) {
                if (closed || sending) {
                    draining = false;
                    return;
                }
                next = waiting.poll();
                if (next == null && closeCode == 0) {
                    draining = false;
                    return;
                }
                if (next == null) {
                    closed = true;
                    draining = false;
                } else {
                    sending = true;
                }
                code = closeCode;
                reason = closeReason;
            }
            if (next == null) {
                outlet.close(code, reason);
                return;
            }
            try {
                outlet.send(next, this::sent, cause -> failed());
            } catch (RuntimeException e) {
                failed();
            }
        }
    }

    private void sent() {
        synchronized (this) {
            sending = false;
        }
        drain();
    }

    private void failed() {
        // the session is broken; its close or error event unregisters it
        synchronized (this) {
            sending = false;
            closed = true;
            waiting.clear();
        }
    }
}
