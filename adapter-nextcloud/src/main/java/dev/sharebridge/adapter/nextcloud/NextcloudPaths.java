package dev.sharebridge.adapter.nextcloud;

/**
 * The NextCloud API paths Sharebridge calls, relative to the configured base URL: named once,
 * for the classes that call them and for {@link CallKind}, which names the calls in metrics.
 */
final class NextcloudPaths {
    /** The server's status document (version, maintenance). */
    static final String STATUS = "status.php";
    /** The signed-in user (OCS). */
    static final String CLOUD_USER = "ocs/v2.php/cloud/user";
    /** The server's capabilities (OCS). */
    static final String CAPABILITIES = "ocs/v2.php/cloud/capabilities";
    /** The OCS share API; one share is {@code SHARES + "/" + id}. */
    static final String SHARES = "ocs/v2.php/apps/files_sharing/api/v1/shares";
    /** Every WebDAV path starts with this. */
    static final String DAV = "remote.php/dav/";

    private NextcloudPaths() {}
}
