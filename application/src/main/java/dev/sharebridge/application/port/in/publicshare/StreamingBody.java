package dev.sharebridge.application.port.in.publicshare;

import java.io.IOException;
import java.io.OutputStream;

/** A response body written straight to the client's stream (e.g. a zip built on the fly). */
@FunctionalInterface
public interface StreamingBody {
    void writeTo(OutputStream out) throws IOException;
}
