package dev.sharebridge.application.port.in.file;

/**
 * Marker for the owner-side file use cases of one user's space; every path is relative to the
 * caller's space and every returned {@code StoredItem} path too.
 */
public interface FileUseCases
        extends StatItemUseCase,
                ReadFileUseCase,
                UploadFileUseCase,
                MakeFolderUseCase,
                ListFolderUseCase,
                DeleteItemUseCase,
                TransferItemUseCase {}
