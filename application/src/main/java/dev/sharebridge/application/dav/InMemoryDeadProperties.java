package dev.sharebridge.application.dav;

import dev.sharebridge.application.port.out.dav.DavSpaceKey;
import dev.sharebridge.application.port.out.dav.DeadPropertyStore;
import dev.sharebridge.domain.item.ItemPath;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link DeadPropertyStore} in this process's memory, lost on restart. */
public final class InMemoryDeadProperties implements DeadPropertyStore {
    private final Map<String, Map<ItemPath, Map<Name, String>>> bySpace = new HashMap<>();

    @Override
    public synchronized Map<Name, String> of(DavSpaceKey space, ItemPath path) {
        Map<Name, String> props = bySpace.getOrDefault(space.id(), Map.of()).get(path);
        return props == null ? Map.of() : new LinkedHashMap<>(props);
    }

    @Override
    public synchronized boolean apply(DavSpaceKey space, ItemPath path, List<Change> changes) {
        Map<ItemPath, Map<Name, String>> resources = bySpace.computeIfAbsent(space.id(), s -> new HashMap<>());
        if (!resources.containsKey(path) && resources.size() >= MAX_RESOURCES_PER_SPACE) {
            return false;
        }
        Map<Name, String> props = resources.computeIfAbsent(path, p -> new LinkedHashMap<>());
        for (Change c : changes) {
            if (c.value().isPresent()) {
                props.put(c.name(), c.value().get());
            } else {
                props.remove(c.name());
            }
        }
        if (props.isEmpty()) {
            resources.remove(path);
        }
        if (resources.isEmpty()) {
            bySpace.remove(space.id());
        }
        return true;
    }

    @Override
    public synchronized void delete(DavSpaceKey space, ItemPath path) {
        Map<ItemPath, Map<Name, String>> resources = bySpace.get(space.id());
        if (resources != null) {
            resources.keySet().removeIf(p -> p.startsWith(path));
            if (resources.isEmpty()) {
                bySpace.remove(space.id());
            }
        }
    }

    @Override
    public synchronized void transfer(
            DavSpaceKey space, ItemPath from, ItemPath to, boolean tree, boolean removeSource) {
        Map<ItemPath, Map<Name, String>> resources = bySpace.get(space.id());
        if (resources == null) {
            return;
        }
        Map<ItemPath, Map<Name, String>> moving = new LinkedHashMap<>();
        resources.forEach((p, props) -> {
            if (tree ? p.startsWith(from) : p.equals(from)) {
                moving.put(to.resolve(p.relativeTo(from)), new LinkedHashMap<>(props));
            }
        });
        resources.keySet().removeIf(p -> p.startsWith(to) || (removeSource && p.startsWith(from)));
        resources.putAll(moving);
        if (resources.isEmpty()) {
            bySpace.remove(space.id());
        }
    }
}
