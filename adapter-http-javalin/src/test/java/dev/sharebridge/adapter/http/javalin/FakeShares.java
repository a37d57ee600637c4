package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.share.ManageShareLinksUseCase;
import dev.sharebridge.application.port.in.share.NewShareCommand;
import dev.sharebridge.application.port.in.share.ShareUpdate;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.application.port.in.share.ShareViewPage;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Share links in a map, with just enough rules to exercise the HTTP mapping. */
final class FakeShares implements ManageShareLinksUseCase {
    final Map<ShareId, Share> shares = new ConcurrentHashMap<>();
    private final FakeFiles files;
    private final Clock clock;
    private final String publicUrl;
    private final SecureRandom random = new SecureRandom();
    volatile ShareUpdate lastUpdate;
    volatile NewShareCommand lastCreate;

    FakeShares(FakeFiles files, Clock clock, String publicUrl) {
        this.files = files;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    ShareView view(Share s) {
        return new ShareView(s, publicUrl + "/s/" + s.token().value());
    }

    Share add(
            UserId owner,
            ItemPath path,
            Optional<String> passwordHash,
            SharePermissions permissions,
            Optional<ShareId> parent)
            throws NotFoundException {
        StoredItem item = files.stat(owner, path);
        Share s = Share.create(
                ShareId.random(),
                path,
                item.type(),
                Optional.empty(),
                ShareToken.generate(random),
                passwordHash,
                Optional.empty(),
                permissions,
                Optional.empty(),
                Optional.empty(),
                clock.instant(),
                owner,
                parent);
        shares.put(s.id(), s);
        return s;
    }

    @Override
    public ShareView create(UserId owner, NewShareCommand c) throws NotFoundException {
        lastCreate = c;
        StoredItem item = files.stat(owner, c.itemPath());
        if (c.itemType().isPresent() && c.itemType().get() != item.type()) {
            throw new InvalidValueException("item_type", "item_type does not match the item");
        }
        Share s = Share.create(
                ShareId.random(),
                c.itemPath(),
                item.type(),
                Optional.empty(),
                ShareToken.generate(random),
                c.password().map(p -> "hash"),
                c.expiresAt(),
                c.permissions().orElse(SharePermissions.DEFAULT),
                c.label(),
                c.maxAccesses(),
                clock.instant(),
                owner,
                Optional.empty());
        shares.put(s.id(), s);
        return view(s);
    }

    @Override
    public ShareViewPage list(UserId owner, Optional<ItemPath> item, int limit, Optional<String> cursor) {
        List<Share> mine = new ArrayList<>(shares.values().stream()
                .filter(s -> s.createdBy().equals(owner))
                .filter(s -> item.isEmpty() || item.get().equals(s.itemPath()))
                .sorted(Comparator.comparing(s -> s.id().toString()))
                .toList());
        int from = cursor.map(Integer::parseInt).orElse(0);
        int to = Math.min(mine.size(), from + limit);
        return new ShareViewPage(
                mine.subList(from, to).stream().map(this::view).toList(),
                to < mine.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    private Share mine(UserId owner, ShareId id) throws NotFoundException {
        Share s = shares.get(id);
        if (s == null || !s.createdBy().equals(owner)) {
            throw new NotFoundException("share not found");
        }
        return s;
    }

    @Override
    public ShareView get(UserId owner, ShareId id) throws NotFoundException {
        return view(mine(owner, id));
    }

    @Override
    public ShareView update(UserId owner, ShareId id, ShareUpdate u) throws NotFoundException {
        lastUpdate = u;
        Share s = mine(owner, id);
        s = s.withPasswordHash(u.password().map(p -> "hash").applyTo(s.passwordHash()))
                .withExpiresAt(u.expiresAt().applyTo(s.expiresAt()))
                .withPermissions(
                        u.permissions().applyTo(Optional.of(s.permissions())).orElseThrow())
                .withLabel(u.label().applyTo(s.label()))
                .withMaxAccesses(u.maxAccesses().applyTo(s.maxAccesses()));
        shares.put(id, s);
        return view(s);
    }

    @Override
    public void delete(UserId owner, ShareId id) throws NotFoundException {
        mine(owner, id);
        shares.remove(id);
    }
}
