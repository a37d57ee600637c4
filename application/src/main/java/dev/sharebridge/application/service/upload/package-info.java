/**
 * Resumable uploads: {@link dev.sharebridge.application.service.upload.UploadEngine}, the state and
 * bytes of uploads in progress shared by the owner's and the links' services, and
 * {@link dev.sharebridge.application.service.upload.OwnerUploadService}, the owner's use case.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.service.upload;

import org.jspecify.annotations.NullMarked;
