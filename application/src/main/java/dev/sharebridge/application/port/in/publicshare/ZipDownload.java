package dev.sharebridge.application.port.in.publicshare;

/** A folder to send as a zip: the file name to offer and the body that writes it. */
public record ZipDownload(String fileName, StreamingBody body) {}
