package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.InvalidPasswordException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.in.publicshare.BrowseShareUseCase;
import dev.sharebridge.application.port.in.publicshare.ChangeSharedContentUseCase;
import dev.sharebridge.application.port.in.publicshare.DownloadFromShareUseCase;
import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.in.publicshare.OpenShareUseCase;
import dev.sharebridge.application.port.in.publicshare.OpenedShare;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.ReshareCommand;
import dev.sharebridge.application.port.in.publicshare.ReshareUseCase;
import dev.sharebridge.application.port.in.publicshare.VerifySharePasswordUseCase;
import dev.sharebridge.application.port.in.publicshare.Visit;
import dev.sharebridge.application.port.in.publicshare.ZipDownload;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Public access on top of {@link FakeShares} and {@link FakeFiles}. Malformed and unknown tokens
 * deliberately get different messages: the adapter must still answer them identically.
 */
final class FakePublicShares
        implements OpenShareUseCase,
                VerifySharePasswordUseCase,
                BrowseShareUseCase,
                DownloadFromShareUseCase,
                ChangeSharedContentUseCase,
                ReshareUseCase {
    static final String PASSWORD = "correct horse battery";
    /** A password whose answer is throttled, held back for {@link #HOLD} where the test's delays say so. */
    static final String HELD_BACK = "hold me back";
    // long enough for 300 requests to arrive before the first answer leaves, even on a busy machine
    static final Duration HOLD = Duration.ofSeconds(4);
    final AtomicInteger counted = new AtomicInteger();
    final Map<String, String> grants = new ConcurrentHashMap<>();
    private final FakeShares shares;
    private final FakeFiles files;
    private final Clock clock;
    /** When set, opens are counted on it, later, as the group commit does: answers wait for it. */
    volatile Optional<Executor> countsLater = Optional.empty();
    /** With {@link #countsLater}: the count refuses, as for a link used up meanwhile. */
    volatile boolean refusedLater;

    volatile PublicAccess lastAccess;
    volatile String lastVerifyClient;

    FakePublicShares(FakeShares shares, FakeFiles files, Clock clock) {
        this.shares = shares;
        this.files = files;
        this.clock = clock;
    }

    /** This fake behind every public route. */
    PublicSharePorts ports() {
        return new PublicSharePorts(this, this, this, this, this, this);
    }

    private Share resolve(PublicAccess a) throws NotFoundException, PasswordRequiredException {
        lastAccess = a;
        Share s = find(a.rawToken());
        if (s.hasPassword()
                && !a.grant().map(g -> a.rawToken().equals(grants.get(g))).orElse(false)) {
            throw new PasswordRequiredException("this link needs a password");
        }
        return s;
    }

    private Share find(String raw) throws NotFoundException {
        Optional<ShareToken> token = ShareToken.parse(raw);
        if (token.isEmpty()) {
            throw new NotFoundException("malformed token");
        }
        return shares.shares.values().stream()
                .filter(s -> s.token().equals(token.get()))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("unknown token"));
    }

    private static void need(boolean ok) throws ForbiddenException {
        if (!ok) {
            throw new ForbiddenException("this link does not allow that");
        }
    }

    /** Paths relative to the share; a file share's own file keeps its name (so downloads are named). */
    private static StoredItem relative(StoredItem i, ItemPath root) {
        ItemPath p = i.path().equals(root) && !i.isFolder()
                ? ItemPath.of(i.name())
                : i.path().relativeTo(root);
        return new StoredItem(p, i.type(), i.size(), i.modifiedAt(), i.etag());
    }

    @Override
    public OpenedShare open(PublicAccess access) throws NotFoundException, PasswordRequiredException {
        OpenedShare opened = describe(access);
        counted.incrementAndGet();
        return opened.withVisit(visitOf(access));
    }

    /** A visit that names its link (the real ones are signed; the adapter only carries them). */
    private Visit visitOf(PublicAccess access) {
        return new Visit("visit." + access.rawToken(), clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Override
    public CompletionStage<OpenedShare> openLater(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, UpstreamUnavailableException {
        Optional<Executor> later = countsLater;
        if (later.isEmpty()) {
            return OpenShareUseCase.super.openLater(access);
        }
        OpenedShare opened = describe(access);
        return CompletableFuture.supplyAsync(
                () -> {
                    if (refusedLater) {
                        throw new CompletionException(new NotFoundException("this link does not exist or has expired"));
                    }
                    counted.incrementAndGet();
                    return opened.withVisit(visitOf(access));
                },
                later.get());
    }

    @Override
    public OpenedShare describe(PublicAccess access) throws NotFoundException, PasswordRequiredException {
        Share s = resolve(access);
        StoredItem item = files.stat(s.createdBy(), s.itemPath());
        return new OpenedShare(
                item.name(), item.type(), item.size(), s.hasPassword(), s.expiresAt(), s.permissions(), s.label());
    }

    @Override
    public Grant verify(String rawToken, String password, String client)
            throws NotFoundException, InvalidPasswordException, RateLimitedException, ServiceBusyException {
        lastVerifyClient = client;
        find(rawToken);
        switch (password) {
            case PASSWORD -> {
                String g = "grant" + grants.size() + "x";
                grants.put(g, rawToken);
                return new Grant(g, clock.instant().plus(Duration.ofHours(1)));
            }
            case "too many tries" -> throw new RateLimitedException("slow down", Duration.ofMillis(1500));
            case HELD_BACK -> throw new RateLimitedException("slow down", Duration.ofMinutes(5));
            case "busy busy busy" -> throw new ServiceBusyException("busy", Duration.ofSeconds(3), 0);
            default -> throw new InvalidPasswordException("wrong password", 1);
        }
    }

    @Override
    public FolderListing list(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        Share s = resolve(access);
        need(s.permissions().read());
        FolderListing l = files.list(s.createdBy(), s.itemPath().resolve(subpath));
        return new FolderListing(
                relative(l.folder(), s.itemPath()),
                l.children().stream().map(c -> relative(c, s.itemPath())).toList());
    }

    @Override
    public StoredItem stat(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        Share s = resolve(access);
        need(s.permissions().read());
        return relative(files.stat(s.createdBy(), s.itemPath().resolve(subpath)), s.itemPath());
    }

    @Override
    public ItemContent download(PublicAccess access, ItemPath subpath, Optional<ByteRange> range)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        Share s = resolve(access);
        need(s.permissions().read());
        ItemContent c = files.read(s.createdBy(), s.itemPath().resolve(subpath), range);
        counted.incrementAndGet();
        return new ItemContent(relative(c.item(), s.itemPath()), c.range(), c.stream());
    }

    @Override
    public ZipDownload zip(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        FolderListing l = zippable(access, subpath);
        counted.incrementAndGet();
        return new ZipDownload(l.folder().name() + ".zip", out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (StoredItem c : l.children()) {
                zip.putNextEntry(new ZipEntry(c.name()));
                zip.write(c.name().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    @Override
    public String zipFileName(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        return zippable(access, subpath).folder().name() + ".zip";
    }

    private FolderListing zippable(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        Share s = resolve(access);
        need(s.permissions().read());
        return files.list(s.createdBy(), s.itemPath().resolve(subpath));
    }

    @Override
    public WriteResult upload(PublicAccess access, ItemPath subpath, InputStream content, java.util.OptionalLong length)
            throws NotFoundException, PasswordRequiredException, ForbiddenException, ConflictException {
        Share s = resolve(access);
        need(s.permissions().write());
        WriteResult r = files.upload(s.createdBy(), s.itemPath().resolve(subpath), content, length);
        return new WriteResult(relative(r.item(), s.itemPath()), r.created());
    }

    @Override
    public boolean makeFolder(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, ForbiddenException, ConflictException {
        Share s = resolve(access);
        need(s.permissions().write() && s.permissions().read());
        return files.makeFolder(s.createdBy(), s.itemPath().resolve(subpath));
    }

    @Override
    public void delete(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        Share s = resolve(access);
        need(s.permissions().write() && s.permissions().read());
        files.delete(s.createdBy(), s.itemPath().resolve(subpath));
    }

    @Override
    public TransferResult move(PublicAccess access, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        return transfer(access, from, to, overwrite, true);
    }

    @Override
    public TransferResult copy(PublicAccess access, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        return transfer(access, from, to, overwrite, false);
    }

    private TransferResult transfer(PublicAccess access, ItemPath from, ItemPath to, boolean overwrite, boolean move)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        Share s = resolve(access);
        need(s.permissions().write() && s.permissions().read() && !from.isRoot() && !to.isRoot());
        try {
            ItemPath a = s.itemPath().resolve(from);
            ItemPath b = s.itemPath().resolve(to);
            return move ? files.move(s.createdBy(), a, b, overwrite) : files.copy(s.createdBy(), a, b, overwrite);
        } catch (dev.sharebridge.application.error.UseCaseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void checkChange(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        Share s = resolve(access);
        need(s.permissions().write() && s.permissions().read());
    }

    @Override
    public ShareView reshare(PublicAccess access, ReshareCommand command)
            throws NotFoundException, PasswordRequiredException, ForbiddenException {
        Share s = resolve(access);
        need(s.permissions().reshare());
        SharePermissions p = command.permissions().orElse(SharePermissions.DEFAULT);
        return shares.view(shares.add(s.createdBy(), s.itemPath(), Optional.empty(), p, Optional.of(s.id())));
    }
}
