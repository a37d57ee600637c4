package dev.sharebridge.adapter.http.javalin.signaling;

import java.util.function.Consumer;

/** The one thing a queue needs from a WebSocket session: an asynchronous send and a close. */
interface Outlet {

    /** Hands one text frame to the transport without waiting; exactly one of the callbacks runs later. */
    void send(String text, Runnable sent, Consumer<Throwable> failed);

    void close(int code, String reason);
}
