package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.domain.item.ItemPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead properties clients set with PROPPATCH (Windows' timestamps, litmus' test values), by
 * space (a user's, or a link's) and path, kept in this process's memory: they follow MOVE and COPY and end with DELETE
 * through {@code /dav/}, and are lost on restart and not seen by other instances (a table is the
 * next step; docs/webdav.md). Bounded per space, as anything a client fills in memory must be.
 */
final class DeadProperties {
    /** Resources with properties per space; a PROPPATCH beyond it is refused with 507. */
    static final int MAX_RESOURCES_PER_USER = 10_000;

    private final Map<String, Map<ItemPath, Map<PropName, String>>> bySpace = new LinkedHashMap<>();

    /** A change of one property: a value (an element as text) to set, or empty to remove it. */
    record Change(PropName name, Optional<String> value) {}

    synchronized Map<PropName, String> of(String key, ItemPath path) {
        Map<PropName, String> props = bySpace.getOrDefault(key, Map.of()).get(path);
        return props == null ? Map.of() : new LinkedHashMap<>(props);
    }

    /** Whether the changes fit: false when they would add a resource beyond the bound. */
    synchronized boolean fits(String key, ItemPath path) {
        Map<ItemPath, Map<PropName, String>> space = bySpace.getOrDefault(key, Map.of());
        return space.containsKey(path) || space.size() < MAX_RESOURCES_PER_USER;
    }

    /** Applies the changes in order, all of them (the caller checked each may be made). */
    synchronized void apply(String key, ItemPath path, List<Change> changes) {
        Map<ItemPath, Map<PropName, String>> space = space(key);
        Map<PropName, String> props = space.computeIfAbsent(path, p -> new LinkedHashMap<>());
        for (Change c : changes) {
            if (c.value().isPresent()) {
                props.put(c.name(), c.value().get());
            } else {
                props.remove(c.name());
            }
        }
        if (props.isEmpty()) {
            space.remove(path);
        }
        if (space.isEmpty()) {
            bySpace.remove(key);
        }
    }

    /** Forgets the properties of {@code path} and everything below it. */
    synchronized void delete(String key, ItemPath path) {
        Map<ItemPath, Map<PropName, String>> space = bySpace.get(key);
        if (space != null) {
            space.keySet().removeIf(p -> p.startsWith(path));
            if (space.isEmpty()) {
                bySpace.remove(key);
            }
        }
    }

    /** Gives the tree at {@code to} the properties of the tree at {@code from} (replacing its own). */
    synchronized void copy(String key, ItemPath from, ItemPath to, boolean removeSource) {
        delete(key, to);
        Map<ItemPath, Map<PropName, String>> space = bySpace.get(key);
        if (space == null) {
            return;
        }
        List<ItemPath> below = new ArrayList<>(
                space.keySet().stream().filter(p -> p.startsWith(from)).toList());
        for (ItemPath p : below) {
            Map<PropName, String> props = removeSource ? space.remove(p) : new LinkedHashMap<>(space.get(p));
            space.put(to.resolve(p.relativeTo(from)), props);
        }
    }

    private Map<ItemPath, Map<PropName, String>> space(String key) {
        return bySpace.computeIfAbsent(key, u -> new LinkedHashMap<>());
    }
}
