package dev.sharebridge.adapter.http.javalin.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sharebridge.application.port.in.room.SharedFolderView;
import dev.sharebridge.domain.room.SharedFolderLink;

/**
 * A meeting's shared folder as one person may see it (docs/reference.md §8), the same shape over REST and
 * signaling: {@code read_write} is left out, not null, for non-moderators.
 */
public record SharedFolderJson(
        LinkJson read,
        @JsonInclude(JsonInclude.Include.NON_NULL) LinkJson readWrite) {

    /** One link with its password; the provider's link id stays inside. */
    public record LinkJson(String url, String password) {
        static LinkJson from(SharedFolderLink link) {
            return new LinkJson(link.url(), link.password());
        }

        @Override
        public String toString() {
            return "LinkJson[password redacted]";
        }
    }

    public static SharedFolderJson from(SharedFolderView view) {
        return new SharedFolderJson(
                LinkJson.from(view.read()), view.readWrite().map(LinkJson::from).orElse(null));
    }

    @Override
    public String toString() {
        return "SharedFolderJson[readWrite=" + (readWrite != null) + "]";
    }
}
