package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.InputStream;
import java.util.Optional;

/**
 * What a visitor can do with a public link (docs/reference.md §6, the public routes). Every method checks, by itself,
 * the token's form and existence, expiry, {@code max_accesses}, the grant when the share has a
 * password, and the permission it needs. An unknown, expired or used-up link is
 * {@code NotFoundException} with one fixed message; a missing grant is
 * {@code PasswordRequiredException}; a missing permission {@code ForbiddenException}.
 * Subpaths are relative to the shared item and can never leave it.
 */
public interface PublicShareUseCases {

    /** Counts an access (atomically, against {@code max_accesses}). Needs read or write. */
    OpenedShare open(PublicAccess access) throws UseCaseException;

    /**
     * What {@link #open} answers, after the same checks, without counting an access: for
     * {@code HEAD}, which is safe. A used-up link is not found here either.
     */
    OpenedShare describe(PublicAccess access) throws UseCaseException;

    /**
     * Checks a password, throttled per (client, token) and per token before any hashing.
     *
     * @throws dev.sharebridge.application.error.InvalidPasswordException wrong password
     * @throws dev.sharebridge.application.error.RateLimitedException too many attempts
     * @throws dev.sharebridge.application.error.ServiceBusyException every hashing slot busy
     */
    Grant verify(String rawToken, String password, String client) throws UseCaseException;

    /** Lists a folder of a folder share. Needs read. */
    FolderListing list(PublicAccess access, ItemPath subpath) throws UseCaseException;

    /** Looks up a file without counting (for ETag/HEAD/Range decisions). Needs read. */
    StoredItem stat(PublicAccess access, ItemPath subpath) throws UseCaseException;

    /** Counts an access and opens the file. Needs read. */
    ItemContent download(PublicAccess access, ItemPath subpath, Optional<ByteRange> range) throws UseCaseException;

    /** Counts an access and returns the folder as a zip to stream. Needs read, folder share. */
    ZipDownload zip(PublicAccess access, ItemPath subpath) throws UseCaseException;

    /** The file name {@link #zip} would offer, after the same checks, without counting (for {@code HEAD}). */
    String zipFileName(PublicAccess access, ItemPath subpath) throws UseCaseException;

    /** Uploads a file. Needs write; replacing an existing file needs read too. */
    WriteResult upload(PublicAccess access, ItemPath subpath, InputStream content) throws UseCaseException;

    /** Makes a folder. Needs write and read. @return true when created */
    boolean makeFolder(PublicAccess access, ItemPath subpath) throws UseCaseException;

    /** Deletes an item below the shared root (never the root). Needs write and read. */
    void delete(PublicAccess access, ItemPath subpath) throws UseCaseException;

    /** Makes a derived link. Needs reshare. */
    ShareView reshare(PublicAccess access, ReshareCommand command) throws UseCaseException;
}
