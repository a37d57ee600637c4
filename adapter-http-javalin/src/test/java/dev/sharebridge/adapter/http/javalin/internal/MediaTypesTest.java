package dev.sharebridge.adapter.http.javalin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.adapter.http.javalin.internal.MediaTypes.Preview;
import dev.sharebridge.adapter.http.javalin.internal.MediaTypes.Served;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The type and inline decision of a file name: previewable types inline, active ones never. */
class MediaTypesTest {

    @ParameterizedTest
    @CsvSource({
        "photo.jpg, image/jpeg, IMAGE",
        "PHOTO.JPEG, image/jpeg, IMAGE",
        "a.png, image/png, IMAGE",
        "a.gif, image/gif, IMAGE",
        "a.webp, image/webp, IMAGE",
        "a.avif, image/avif, IMAGE",
        "report.pdf, application/pdf, PDF",
        "clip.mp4, video/mp4, VIDEO",
        "clip.webm, video/webm, VIDEO",
        "song.mp3, audio/mpeg, AUDIO",
        "song.ogg, audio/ogg, AUDIO",
        "song.flac, audio/flac, AUDIO",
        "notes.txt, text/plain, TEXT",
        "README.md, text/markdown, TEXT"
    })
    void previewableTypesAreInlineWhenAsked(String name, String type, Preview preview) {
        assertThat(MediaTypes.typeOf(name)).isEqualTo(type);
        assertThat(MediaTypes.preview(name)).hasValue(preview);
        Served inline = MediaTypes.serve(name, true);
        assertThat(inline.inline()).isTrue();
        assertThat(inline.contentType()).isEqualTo(preview == Preview.TEXT ? MediaTypes.TEXT_UTF8 : type);
        // a download stays an attachment
        assertThat(MediaTypes.serve(name, false)).isEqualTo(new Served(type, false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "page.html",
                "page.HTM",
                "page.xhtml",
                "logo.svg",
                "logo.svgz",
                "data.xml",
                "style.xsl",
                "app.js",
                "app.mjs",
                "data.json",
                "movie.swf",
                "style.css",
                "evil.html.",
                "evil.txt.html"
            })
    void activeTypesAreNeverInlineAndGoOutAsOctetStream(String name) {
        assertThat(MediaTypes.preview(name)).isEmpty();
        assertThat(MediaTypes.serve(name, true)).isEqualTo(new Served(MediaTypes.OCTET_STREAM, false));
        assertThat(MediaTypes.serve(name, false)).isEqualTo(new Served(MediaTypes.OCTET_STREAM, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"archive.zip", "tool.exe", "no-extension", "", ".hidden", "a.unknownext"})
    void otherFilesAreAttachmentsEvenWhenInlineIsAsked(String name) {
        assertThat(MediaTypes.preview(name)).isEmpty();
        Served s = MediaTypes.serve(name, true);
        assertThat(s.inline()).isFalse();
        assertThat(MediaTypes.isActive(s.contentType())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "image/svg+xml", "application/rss+xml", "text/javascript", "not a type"})
    void activeMeansMarkupOrScriptOrUnparsable(String type) {
        assertThat(MediaTypes.isActive(type)).isTrue();
    }
}
