package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.adapter.http.javalin.uploads.UploadPorts;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.upload.Chunk;
import dev.sharebridge.application.port.in.upload.LinkUploadsUseCase;
import dev.sharebridge.application.port.in.upload.NewUpload;
import dev.sharebridge.application.port.in.upload.UploadStatus;
import dev.sharebridge.application.port.out.upload.UploadQuota;
import dev.sharebridge.application.service.upload.OwnerUploadService;
import dev.sharebridge.application.service.upload.UploadEngine;
import dev.sharebridge.application.service.upload.UploadSettings;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.InMemoryUploadParts;
import dev.sharebridge.application.testing.InMemoryUploadRepository;
import dev.sharebridge.domain.upload.UploadId;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The tus routes' ports for the adapter's tests: the real owner's service over in-memory storage
 * and state, and links that know no uploads (the link side is tested end to end in bootstrap).
 */
final class FakeUploads {
    private FakeUploads() {}

    static UploadPorts ports(Clock clock) {
        UploadEngine engine = new UploadEngine(
                new InMemoryUploadRepository(),
                new InMemoryUploadParts(),
                UploadQuota.NONE,
                UploadSettings.DEFAULTS,
                clock,
                new SecureRandom());
        return new UploadPorts(
                new OwnerUploadService(engine, new InMemoryStorageProvider(clock)),
                new NoLinkUploads(),
                UploadSettings.DEFAULT_MAX_BYTES);
    }

    private static final class NoLinkUploads implements LinkUploadsUseCase {
        @Override
        public UploadStatus create(PublicAccess access, NewUpload upload) throws NotFoundException {
            throw new NotFoundException("no such link");
        }

        @Override
        public UploadStatus status(PublicAccess access, UploadId id) throws NotFoundException {
            throw new NotFoundException("no such link");
        }

        @Override
        public UploadStatus append(PublicAccess access, UploadId id, Chunk chunk) throws NotFoundException {
            throw new NotFoundException("no such link");
        }

        @Override
        public void cancel(PublicAccess access, UploadId id) throws NotFoundException {
            throw new NotFoundException("no such link");
        }
    }
}
