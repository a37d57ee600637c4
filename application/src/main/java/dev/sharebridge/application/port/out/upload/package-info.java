/**
 * Driven ports of resumable uploads: the state of each upload in progress
 * ({@link dev.sharebridge.application.port.out.upload.UploadRepository}), its bytes so far
 * ({@link dev.sharebridge.application.port.out.upload.UploadParts}), and the hook that decides
 * whether an upload of a given size may begin ({@link dev.sharebridge.application.port.out.upload.UploadQuota}).
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.out.upload;

import org.jspecify.annotations.NullMarked;
