package dev.sharebridge.adapter.nextcloud;

import java.time.Duration;

/**
 * Told about every request the adapter sends to NextCloud, so an application can count and time
 * them (the composition root binds it to Micrometer) without this adapter knowing any metrics
 * library. Called on the calling thread once the answer's headers arrived or the call failed;
 * for downloads the body is still to come. Must be quick and must not throw (it is guarded anyway).
 */
@FunctionalInterface
public interface NextcloudCallListener {
    /** Hears nothing. */
    NextcloudCallListener NONE = (operation, outcome, duration) -> {};

    /**
     * @param operation one of {@code mkcol propfind get put delete share_create share_update
     *     share_delete status user capabilities other}; never a path or a name
     * @param outcome one of {@code ok client_error server_error rate_limited timeout io_error aborted}
     * @param duration from sending the request to the answer's headers (or the failure)
     */
    void completed(String operation, String outcome, Duration duration);
}
