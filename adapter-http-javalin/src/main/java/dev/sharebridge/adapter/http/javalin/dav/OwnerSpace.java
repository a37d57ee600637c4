package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.in.file.FileUseCases;
import dev.sharebridge.application.port.in.file.FolderStream;
import dev.sharebridge.application.port.out.dav.DavSpaceKey;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The owner space {@code /dav/}: the caller's own files, through the owner use cases of {@code /api/files}. */
final class OwnerSpace implements DavSpace {
    private final FileUseCases files;
    private final UserId user;

    OwnerSpace(FileUseCases files, UserId user) {
        this.files = files;
        this.user = user;
    }

    @Override
    public String prefix() {
        return DavPaths.PREFIX;
    }

    @Override
    public DavSpaceKey key() {
        return DavSpaceKey.owner(user);
    }

    @Override
    public void enter() {
        // authenticated already: the space is the caller's own
    }

    @Override
    public StoredItem stat(ItemPath path) throws UseCaseException {
        return files.stat(user, path);
    }

    @Override
    public FolderStream list(ItemPath folder) throws UseCaseException {
        return files.stream(user, folder);
    }

    @Override
    public CompletionStage<ItemContent> read(ItemPath path, Optional<ByteRange> range) throws UseCaseException {
        return CompletableFuture.completedFuture(files.read(user, path, range));
    }

    @Override
    public WriteResult upload(ItemPath path, InputStream content, OptionalLong length) throws UseCaseException {
        return files.upload(user, path, content, length);
    }

    @Override
    public boolean makeFolder(ItemPath path) throws UseCaseException {
        return files.makeFolder(user, path);
    }

    @Override
    public void delete(ItemPath path) throws UseCaseException {
        files.delete(user, path);
    }

    @Override
    public TransferResult move(ItemPath from, ItemPath to, boolean overwrite) throws UseCaseException {
        return files.move(user, from, to, overwrite);
    }

    @Override
    public TransferResult copy(ItemPath from, ItemPath to, boolean overwrite) throws UseCaseException {
        return files.copy(user, from, to, overwrite);
    }

    @Override
    public void checkChange() {
        // the owner may change anything in their own space
    }
}
