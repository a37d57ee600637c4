package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.in.file.FolderStream;
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
 * One WebDAV space, as {@link DavProtocol} sees it: the items below an address, through the use
 * cases of whoever asks (the owner's own files, or what a share link allows). The space's use
 * cases decide what may be read and changed; the protocol only asks. Paths are relative to the
 * space's root; one instance serves one request.
 */
interface DavSpace {
    /** The address of the space's root, ending with a slash: {@code /dav/} or {@code /dav/s/{token}/}. */
    String prefix();

    /** Names the space among the locks and dead properties (one per user, one per link). */
    DavSpaceKey key();

    /**
     * Whether the space is there and the caller may be in it at all, before every request: a
     * link that does not exist, has ended or asks for a password answers so here.
     */
    void enter() throws UseCaseException;

    StoredItem stat(ItemPath path) throws UseCaseException;

    /** The folder's children as they are read (PROPFIND streams them); close it. */
    FolderStream list(ItemPath folder) throws UseCaseException;

    /** Opens a file; a download that is counted completes once its access is committed. */
    CompletionStage<ItemContent> read(ItemPath path, Optional<ByteRange> range) throws UseCaseException;

    /** @param length the body's announced length, when known: over a limit, refused before a byte is read */
    WriteResult upload(ItemPath path, InputStream content, OptionalLong length) throws UseCaseException;

    /** @return false when a folder is already there */
    boolean makeFolder(ItemPath path) throws UseCaseException;

    void delete(ItemPath path) throws UseCaseException;

    TransferResult move(ItemPath from, ItemPath to, boolean overwrite) throws UseCaseException;

    TransferResult copy(ItemPath from, ItemPath to, boolean overwrite) throws UseCaseException;

    /** May the caller change what the protocol keeps beside the content (dead properties, locks)? */
    void checkChange() throws UseCaseException;

    /** The href of a path of this space (a folder with a trailing slash). */
    default String href(ItemPath path, boolean folder) {
        return DavPaths.href(prefix(), path, folder);
    }

    /** The path a URI names in this space ({@code Destination}, {@code If} tags); empty when elsewhere. */
    default Optional<ItemPath> parse(String uri, String host) {
        return DavPaths.parse(uri, host, prefix());
    }
}
