package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.in.file.FolderStream;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.out.dav.DavSpaceKey;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * A share link's space {@code /dav/s/{token}/}: the link's item (a folder, or a shared file as the
 * space's root), through the public use cases of {@code /api/s/{token}}, which check the token,
 * expiry, {@code max_accesses}, the grant and the permission of each operation on every call. A
 * {@code GET} of a file is a counted download; looking (PROPFIND, HEAD, OPTIONS) counts nothing.
 */
final class LinkSpace implements DavSpace {
    private final LinkPorts ports;
    private final PublicAccess access;

    LinkSpace(LinkPorts ports, PublicAccess access) {
        this.ports = ports;
        this.access = access;
    }

    @Override
    public String prefix() {
        return DavPaths.linkPrefix(access.rawToken());
    }

    @Override
    public DavSpaceKey key() {
        return DavSpaceKey.link(access.rawToken());
    }

    @Override
    public void enter() throws UseCaseException {
        ports.open().describe(access);
    }

    @Override
    public StoredItem stat(ItemPath path) throws UseCaseException {
        return ports.browse().stat(access, path);
    }

    @Override
    public FolderStream list(ItemPath folder) throws UseCaseException {
        return ports.browse().stream(access, folder);
    }

    @Override
    public CompletionStage<ItemContent> read(ItemPath path, Optional<ByteRange> range) throws UseCaseException {
        return ports.download().downloadLater(access, path, range);
    }

    @Override
    public WriteResult upload(ItemPath path, InputStream content, OptionalLong length) throws UseCaseException {
        return ports.change().upload(access, path, content, length);
    }

    @Override
    public boolean makeFolder(ItemPath path) throws UseCaseException {
        return ports.change().makeFolder(access, path);
    }

    @Override
    public void delete(ItemPath path) throws UseCaseException {
        ports.change().delete(access, path);
    }

    @Override
    public TransferResult move(ItemPath from, ItemPath to, boolean overwrite) throws UseCaseException {
        return ports.change().move(access, from, to, overwrite);
    }

    @Override
    public TransferResult copy(ItemPath from, ItemPath to, boolean overwrite) throws UseCaseException {
        return ports.change().copy(access, from, to, overwrite);
    }

    @Override
    public void checkChange() throws UseCaseException {
        ports.change().checkChange(access);
    }
}
