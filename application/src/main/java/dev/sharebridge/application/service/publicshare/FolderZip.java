package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a folder as a zip straight into an output stream, walking it through the provider one
 * file at a time: nothing is held in memory or written to disk. Entry names come from validated
 * path segments, so they can never contain {@code ..} or a backslash.
 */
final class FolderZip {
    private final StorageProvider storage;
    private final ItemPath folder;

    FolderZip(StorageProvider storage, ItemPath folder) {
        this.storage = storage;
        this.folder = folder;
    }

    void writeTo(OutputStream out) throws IOException {
        // the caller owns `out`: closing the zip must finish it, not close the client's stream
        try (ZipOutputStream zip = new ZipOutputStream(
                new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                },
                StandardCharsets.UTF_8)) {
            addChildren(zip, folder, "");
        } catch (StorageException e) {
            throw new IOException("the storage failed while writing a zip", e);
        }
    }

    private void addChildren(ZipOutputStream zip, ItemPath dir, String prefix) throws IOException, StorageException {
        for (StoredItem child : storage.list(dir)) {
            String name = prefix + child.name();
            if (child.isFolder()) {
                ZipEntry entry = new ZipEntry(name + "/");
                entry.setTime(child.modifiedAt().toEpochMilli());
                zip.putNextEntry(entry);
                zip.closeEntry();
                addChildren(zip, child.path(), name + "/");
            } else {
                addFile(zip, child, name);
            }
        }
    }

    private void addFile(ZipOutputStream zip, StoredItem file, String name) throws IOException, StorageException {
        ItemContent content;
        try {
            content = storage.read(file.path(), Optional.empty());
        } catch (ItemNotFoundException e) {
            return; // deleted since the folder was listed: leave it out
        }
        try (content) {
            ZipEntry entry = new ZipEntry(name);
            entry.setTime(file.modifiedAt().toEpochMilli());
            zip.putNextEntry(entry);
            content.stream().transferTo(zip);
            zip.closeEntry();
        }
    }
}
