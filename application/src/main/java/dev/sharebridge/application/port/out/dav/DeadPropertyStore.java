package dev.sharebridge.application.port.out.dav;

import dev.sharebridge.domain.item.ItemPath;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The dead properties clients set with PROPPATCH (RFC 4918 §4), by space and path: what the
 * protocol layer keeps beside the content, for every instance sharing the store. They follow
 * the item through MOVE and COPY and end with DELETE (the protocol layer says so), and with
 * their space.
 */
public interface DeadPropertyStore {
    /** Resources with properties per space; a PROPPATCH beyond it is refused. */
    int MAX_RESOURCES_PER_SPACE = 10_000;

    /** A property's name: its namespace ({@code ""} for none) and local name. */
    record Name(String namespace, String local) {
        public Name {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(local, "local");
        }
    }

    /** A change of one property: a value (an element as XML text) to set, or empty to remove it. */
    record Change(Name name, Optional<String> value) {
        public Change {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The properties of {@code path}, in the order they were first set. */
    Map<Name, String> of(DavSpaceKey space, ItemPath path);

    /**
     * Applies the changes in order, all of them or none: none when they would give properties to
     * a resource beyond {@link #MAX_RESOURCES_PER_SPACE} of the space. Atomic.
     *
     * @return false when none was applied
     */
    boolean apply(DavSpaceKey space, ItemPath path, List<Change> changes);

    /** Forgets the properties of {@code path} and everything below it. */
    void delete(DavSpaceKey space, ItemPath path);

    /**
     * Gives {@code to} the properties of {@code from} (replacing its own, and those below it):
     * of the whole tree below {@code from} when {@code tree}, else of {@code from} alone (a COPY of
     * depth 0). When {@code removeSource}, those of the tree at {@code from} go (a MOVE).
     */
    void transfer(DavSpaceKey space, ItemPath from, ItemPath to, boolean tree, boolean removeSource);
}
